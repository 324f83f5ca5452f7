import { OrderType, Side } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { recordingLogger, type LogRecord } from "../support/recording-logger";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids", () => {
  const records: LogRecord[] = [];
  let t: TradingApp;
  let alice: string;
  const linesOf = (requestId: string) =>
    records.filter((r) => r.fields.requestId === requestId);

  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      market: new ControlledMarket(),
      logger: recordingLogger(records),
    });
    alice = await t.login("alice");
  });
  afterAll(() => t.close());

  it("echoes the caller's X-Request-Id and repeats it in the error body and the request's log lines", async () => {
    const id = "client-7.retry_2:a";
    const res = await t.request("GET", "/api/v1/broker/orders/ord-nope", {
      token: alice,
      headers: { "x-request-id": id },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe(id);
    expect(res.body).toEqual({
      code: "NOT_FOUND",
      message: "no order ord-nope",
      requestId: id,
    });
    expect(linesOf(id).map((r) => [r.level, r.message])).toContainEqual([
      "debug",
      "no order ord-nope",
    ]);
  });

  it("replaces an X-Request-Id that is too long or carries other characters with one of its own", async () => {
    const longest = "a".repeat(128);
    const kept = await t.request("GET", "/health", {
      headers: { "x-request-id": longest },
    });
    expect(kept.headers.get("x-request-id")).toBe(longest);
    for (const offered of ["a".repeat(129), "two words", "<b>", "a/b", "a;b"]) {
      const res = await t.request("GET", "/health", {
        headers: { "x-request-id": offered },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id"), offered).toMatch(UUID);
    }
  });

  it("gives each request without one an id of its own", async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(
        async () =>
          (await t.request("GET", "/health")).headers.get("x-request-id") ?? "",
      ),
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  it("puts requestId in a schema refusal, an unknown route and an order refusal alike", async () => {
    const invalid = await t.request<{ requestId: string; field: string }>(
      "POST",
      "/api/v1/broker/orders",
      { token: alice, body: { symbol: "AAPL", side: Side.Buy, qty: 1 } },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.field).toBe("type");
    expect(invalid.body.requestId).toBe(invalid.headers.get("x-request-id"));

    const unknown = await t.request<{ code: string; requestId: string }>(
      "GET",
      "/api/v1/nothing-here",
      { headers: { "x-request-id": "lost-1" } },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: "NOT_FOUND",
      requestId: "lost-1",
    });

    // 1,000 BTC at 96,000 is far beyond the demo account's buying power.
    const refused = await t.request<{
      error: { code: string; requestId: string };
    }>("POST", "/api/v1/broker/orders", {
      token: alice,
      headers: { "x-request-id": "too-big-1" },
      body: {
        symbol: "BTCUSD",
        type: OrderType.Market,
        side: Side.Buy,
        qty: 1000,
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "INSUFFICIENT_BUYING_POWER",
      requestId: "too-big-1",
    });
  });

  it("logs a socket's opening and closing under its upgrade request's id and its connection id", async () => {
    const socket = await TestSocket.open(t.wsUrl, {
      token: alice,
      headers: { "x-request-id": "ws-upgrade-7" },
    });
    await socket.ping();
    socket.close();
    await socket.closed;
    await until(() =>
      linesOf("ws-upgrade-7").some((r) => r.message === "websocket closed"),
    );
    const lines = linesOf("ws-upgrade-7").filter((r) =>
      r.message?.startsWith("websocket"),
    );
    expect(lines.map((r) => r.message)).toEqual([
      "websocket opened",
      "websocket closed",
    ]);
    const [opened, closed] = lines;
    expect(opened?.fields).toMatchObject({ accountId: "acc-alice-main" });
    expect(typeof opened?.fields.connectionId).toBe("number");
    expect(closed?.fields.connectionId).toBe(opened?.fields.connectionId);
  });
});
