import type { Execution, Order, QuoteData } from "@tradewire/client";
import { unpack } from "msgpackr";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import {
  bar,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import {
  MSGPACK,
  TestSocket,
  until,
  type Frame,
  type OpenOptions,
} from "../support/test-socket";

const JSON_V1 = "tradewire.v1.json";
const ACCOUNT = "acc-enc";
const QUOTES = 'quotes:{"symbols":["AAPL"]}';
const BARS = 'bars:{"resolution":"1","symbol":"AAPL"}';
const ORDERS = `orders:{"accountId":"${ACCOUNT}"}`;
const EXECUTIONS = `executions:{"accountId":"${ACCOUNT}"}`;

const quote = (lp: number): QuoteData => ({
  s: "ok",
  n: "AAPL",
  v: {
    lp,
    ask: lp + 0.01,
    bid: lp - 0.01,
    spread: 0.02,
    ch: 1.5,
    chp: 0.83,
    open_price: 180,
    high_price: 190.125,
    low_price: 179,
    prev_close_price: 180.5,
    volume: 12_345_678,
    short_name: "AAPL",
  },
});

const order: Order = {
  id: "o-1",
  symbol: "AAPL",
  type: 2,
  side: 1,
  qty: 10,
  status: 6,
  limitPrice: 181.5,
  filledQty: 0,
  duration: { type: "DAY" },
  createTime: 1_700_000_000_000,
  updateTime: 1_700_000_000_123,
};

const execution = (sequence: number): Execution => ({
  id: `e-${sequence}`,
  sequence,
  orderId: `o-${sequence}`,
  symbol: "AAPL",
  side: 1,
  qty: 10,
  price: 180.25 + sequence,
  commission: 1,
  time: 1_700_000_000_000 + sequence,
});

/** An upgrade offering these subprotocols, refused: its status, body and headers. */
function refusal(
  wsUrl: string,
  protocols: string[],
): Promise<{ status: number; body: string; supported: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, protocols);
    ws.on("open", () => reject(new Error("the upgrade was accepted")));
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          supported: res.headers["x-tradewire-protocols"] as string,
        }),
      );
    });
    ws.on("error", () => undefined);
  });
}

describe("subprotocols: version and encoding negotiation", () => {
  let t: TestApp;
  let token: string;
  const sockets: TestSocket[] = [];
  const open = async (options: OpenOptions = {}): Promise<TestSocket> => {
    const s = await TestSocket.open(t.wsUrl, { token, ...options });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    token = (
      await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
        userId: "u-enc",
        accountId: ACCOUNT,
      })
    ).token;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("no subprotocol is v1 JSON in text frames, as before", async () => {
    const s = await open();
    expect(s.protocol).toBe("");
    expect((await s.ping()).payload.t).toBe(42);
    expect(s.raw.map((r) => r.binary)).toEqual([false]);
  });

  it("accepts the client's first supported protocol, skipping unknown versions", async () => {
    expect((await open({ protocols: [MSGPACK, JSON_V1] })).protocol).toBe(
      MSGPACK,
    );
    expect((await open({ protocols: [JSON_V1, MSGPACK] })).protocol).toBe(
      JSON_V1,
    );
    const s = await open({ protocols: ["tradewire.v2.json", JSON_V1] });
    expect(s.protocol).toBe(JSON_V1);
    expect((await s.ping()).payload.t).toBe(42);
  });

  it("refuses an upgrade offering only unknown protocols with 400 and a body naming the supported ones", async () => {
    for (const offered of [
      ["tradewire.v2.json"],
      ["mqtt", "tradewire.v2.msgpack"],
    ]) {
      const refused = await refusal(t.wsUrl, offered);
      expect(refused.status).toBe(400);
      expect(refused.supported).toBe(`${MSGPACK}, ${JSON_V1}`);
      const body = JSON.parse(refused.body) as Record<string, string>;
      expect(body.code).toBe("UNSUPPORTED_PROTOCOL");
      expect(body.message).toContain(offered.join(", "));
      expect(body.message).toContain(`supported: ${MSGPACK}, ${JSON_V1}`);
    }
    // A client that does not read the response sees a failed handshake, with the status.
    await expect(
      TestSocket.open(t.wsUrl, { protocols: ["tradewire.v2.json"] }),
    ).rejects.toThrow(/Unexpected server response: 400/);
  });

  it("sends the same messages in MessagePack as in JSON for quotes, bars and orders", async () => {
    const json = await open({ protocols: [JSON_V1] });
    const packed = await open({ protocols: [MSGPACK] });
    t.services.quotes.state.set(QUOTES, [quote(181)]);
    for (const s of [json, packed]) {
      await s.subscribe("quotes", { symbols: ["AAPL"] });
      await s.subscribe("bars", { symbol: "AAPL", resolution: "1" });
      await s.subscribe("orders", {});
    }
    t.services.quotes.publish(QUOTES, quote(181.37));
    t.services.bars.publish(BARS, bar(1_700_000_040_000, 188.25));
    t.services.orders.publish(ORDERS, order);
    for (const s of [json, packed])
      await until(() => s.frames.filter(isUpdate).length === 4);
    expect(packed.frames).toEqual(json.frames);
    expect(json.frames.filter(isUpdate).map((f) => f.payload.topic)).toEqual([
      QUOTES,
      QUOTES,
      BARS,
      ORDERS,
    ]);
    expect(packed.raw.every((r) => r.binary)).toBe(true);
    expect(json.raw.every((r) => !r.binary)).toBe(true);
    // The last frame is the orders update, packed as a plain MessagePack map.
    expect(unpack(packed.raw.at(-1)?.data as Buffer)).toEqual({
      type: "orders.update",
      payload: { topic: ORDERS, seq: 1, payload: order },
    });
  });

  it("writes the same MessagePack bytes to every MessagePack subscriber", async () => {
    const [a, b] = [
      await open({ protocols: [MSGPACK] }),
      await open({ protocols: [MSGPACK] }),
    ];
    for (const s of [a, b]) await s.subscribe("quotes", { symbols: ["MSFT"] });
    const topic = 'quotes:{"symbols":["MSFT"]}';
    t.services.quotes.publish(topic, { ...quote(300.5), n: "MSFT" });
    for (const s of [a, b]) await s.nextOfType("quotes.update");
    expect(a.raw.at(-1)?.data).toEqual(b.raw.at(-1)?.data);
  });

  it("replays a cursor channel in MessagePack, then streams live", async () => {
    t.services.executions.history.push(...[1, 2, 3, 4].map(execution));
    const s = await open({ protocols: [MSGPACK] });
    s.send({ type: "executions.subscribe", id: 1, payload: { since: 2 } });
    const response = await s.nextOfType("executions.subscribe.response");
    expect(response.payload).toEqual({ status: "ok", topic: EXECUTIONS });
    t.services.executions.history.push(execution(5));
    t.services.executions.publish(EXECUTIONS, execution(5));
    await until(() => s.frames.filter(isUpdate).length === 3);
    expect(
      s.frames
        .filter(isUpdate)
        .map((f) => (f.payload.payload as Execution).sequence),
    ).toEqual([3, 4, 5]);
    expect(s.raw.every((r) => r.binary)).toBe(true);
  });

  it("answers MessagePack garbage with an INVALID_MSGPACK error frame and keeps the socket open", async () => {
    const s = await open({ protocols: [MSGPACK] });
    const hostile = [
      Buffer.from([0xc1]),
      Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff]),
      Buffer.from([0x92, 0x01]),
      Buffer.from("not msgpack at all, just text in a binary frame"),
    ];
    for (const bytes of hostile) s.sendRaw(bytes, true);
    await until(() => s.frames.filter((f) => f.type === "error").length === 4);
    const codes = s.frames.filter((f) => f.type === "error");
    expect(codes.map((f) => f.payload.code)).toEqual([
      "INVALID_MESSAGE",
      "INVALID_MSGPACK",
      "INVALID_MSGPACK",
      "INVALID_MSGPACK",
    ]);
    expect(s.isOpen).toBe(true);
    expect((await s.ping()).payload.t).toBe(42);
  });
});

function isUpdate(f: Frame): boolean {
  return f.type.endsWith(".update");
}
