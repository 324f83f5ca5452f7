import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { startTestApp, type TestApp } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

describe("bad input gets a structured error and the connection stays open", () => {
  let t: TestApp;
  let s: TestSocket;
  beforeAll(async () => {
    t = await startTestApp({ WS_MAX_FRAME_BYTES: "4096" });
  });
  afterEach(async () => {
    // Whatever the bad frame was, the same socket still answers.
    if (s.isOpen) expect((await s.ping()).payload.t).toBe(42);
    s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  const sendAndExpectError = async (
    raw: string,
    code: string,
    extra: Record<string, unknown> = {},
  ) => {
    s = await TestSocket.open(t.wsUrl);
    s.sendRaw(raw);
    const error = await s.nextOfType("error");
    expect(error.payload).toMatchObject({ code, ...extra });
    expect(typeof error.payload.message).toBe("string");
    return error;
  };

  it("malformed JSON → INVALID_JSON", async () => {
    await sendAndExpectError('{"type":"bars.subscribe",', "INVALID_JSON");
  });

  it("a binary frame → BINARY_NOT_SUPPORTED", async () => {
    s = await TestSocket.open(t.wsUrl);
    s.sendRaw(Buffer.from('{"type":"ping","payload":{"t":1}}'), true);
    expect((await s.nextOfType("error")).payload.code).toBe(
      "BINARY_NOT_SUPPORTED",
    );
  });

  it("JSON that is not an envelope → INVALID_MESSAGE", async () => {
    await sendAndExpectError("[1,2,3]", "INVALID_MESSAGE");
  });

  it("an envelope without a payload → INVALID_MESSAGE, with the type and id echoed", async () => {
    const error = await sendAndExpectError(
      '{"type":"bars.subscribe","id":9}',
      "INVALID_MESSAGE",
      { requestType: "bars.subscribe" },
    );
    expect(error.id).toBe(9);
  });

  it("an envelope with an unexpected field → INVALID_MESSAGE", async () => {
    await sendAndExpectError(
      '{"type":"ping","payload":{"t":1},"accountId":"someone-else"}',
      "INVALID_MESSAGE",
    );
  });

  it("an id that is neither a short string nor an integer → INVALID_MESSAGE", async () => {
    await sendAndExpectError(
      '{"type":"ping","id":{"x":1},"payload":{"t":1}}',
      "INVALID_MESSAGE",
    );
  });

  it("an unknown type → UNKNOWN_TYPE", async () => {
    await sendAndExpectError(
      '{"type":"hello","id":"a","payload":{}}',
      "UNKNOWN_TYPE",
      { requestType: "hello" },
    );
  });

  it("a server-to-client type sent by the client → UNKNOWN_TYPE", async () => {
    await sendAndExpectError(
      '{"type":"bars.update","payload":{}}',
      "UNKNOWN_TYPE",
    );
  });

  it("an unknown route → UNKNOWN_ROUTE naming the routes that exist", async () => {
    const error = await sendAndExpectError(
      '{"type":"candles.subscribe","id":1,"payload":{}}',
      "UNKNOWN_ROUTE",
      {
        requestType: "candles.subscribe",
      },
    );
    expect(error.payload.message).toContain("bars");
  });

  it("params that fail the schema → a subscribe response with INVALID_PARAMS and the reason", async () => {
    s = await TestSocket.open(t.wsUrl);
    const response = await s.subscribe("bars", { symbol: "AAPL" });
    expect(response.payload).toMatchObject({
      status: "error",
      topic: "",
      code: "INVALID_PARAMS",
    });
    expect(response.payload.message).toContain("resolution");
    const wrongType = await s.subscribe("quotes", { symbols: "AAPL" });
    expect(wrongType.payload).toMatchObject({
      status: "error",
      code: "INVALID_PARAMS",
    });
    expect(wrongType.payload.message).toContain("/symbols must be array");
    const extra = await s.subscribe("bars", {
      symbol: "AAPL",
      resolution: "1",
      accountId: "x",
    });
    expect(extra.payload.message).toContain(
      "must NOT have additional properties (accountId)",
    );
    const badSymbol = await s.subscribe("bars", {
      symbol: "AA PL",
      resolution: "1",
    });
    expect(badSymbol.payload.message).toContain("/symbol must match pattern");
  });

  it("a ping without its timestamp → INVALID_PARAMS", async () => {
    await sendAndExpectError('{"type":"ping","payload":{}}', "INVALID_PARAMS", {
      requestType: "ping",
    });
  });

  it("a frame over the size limit closes that socket with 1009, and other sockets keep working", async () => {
    const bystander = await TestSocket.open(t.wsUrl);
    s = await TestSocket.open(t.wsUrl);
    s.sendRaw(
      JSON.stringify({
        type: "ping",
        payload: { t: 1, pad: "x".repeat(5000) },
      }),
    );
    expect((await s.closed).code).toBe(1009);
    expect((await bystander.ping()).type).toBe("pong");
    bystander.close();
  });
});

describe("a socket's errors carry the id of the request that opened it", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("quotes the upgrade's X-Request-Id in error frames and refused subscribes", async () => {
    const s = await TestSocket.open(t.wsUrl, {
      headers: { "x-request-id": "ws-story-7" },
    });
    s.sendRaw("[1,2,3]");
    const error = await s.nextOfType("error");
    expect(error.payload).toMatchObject({
      code: "INVALID_MESSAGE",
      requestId: "ws-story-7",
    });
    s.sendRaw(
      JSON.stringify({ type: "bars.subscribe", id: 3, payload: { symbol: 1 } }),
    );
    const refused = await s.nextOfType("bars.subscribe.response");
    expect(refused.payload).toMatchObject({
      status: "error",
      requestId: "ws-story-7",
    });
    s.close();
    expect(takeViolations()).toEqual([]);
  });

  it("gives a socket opened without one the id the server made for its upgrade", async () => {
    const s = await TestSocket.open(t.wsUrl);
    s.sendRaw("[1,2,3]");
    const { payload } = await s.nextOfType("error");
    expect(payload.requestId).toMatch(/^[0-9a-f-]{36}$/);
    s.close();
  });
});
