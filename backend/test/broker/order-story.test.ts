import { OrderStatus, OrderType, Side, type Order } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Placement } from "../support/broker-calls";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { recordingLogger, type LogRecord } from "../support/recording-logger";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

/**
 * `grep <request id>` over the server's log tells an order's whole story: the request, the
 * engine's acceptance, the execution and the publication of the updates, also when the fill
 * comes from a later quote that no request caused.
 */
describe("an order's story in the log", () => {
  const records: LogRecord[] = [];
  const market = new ControlledMarket();
  let t: TradingApp;
  let alice: string;
  let socket: TestSocket;
  /** Every line with a field that mentions the id, as a grep of the JSON log would find it. */
  const grep = (id: string) =>
    records.filter((r) =>
      Object.values(r.fields).some(
        (v) => typeof v === "string" && v.includes(id),
      ),
    );
  const place = (requestId: string, body: Record<string, unknown>) =>
    t.request<Placement>("POST", "/api/v1/broker/orders", {
      token: alice,
      headers: { "x-request-id": requestId },
      body,
    });
  const nextOrder = (id: string, status: OrderStatus) =>
    socket.next(
      (f) =>
        f.type === "orders.update" &&
        (f.payload.payload as Order).id === id &&
        (f.payload.payload as Order).status === status,
    );

  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      market,
      logger: recordingLogger(records),
      // Fastify's own per-request lines appear at debug only.
      env: { LOG_LEVEL: "debug" },
    });
    alice = await t.login("alice");
    socket = await TestSocket.open(t.wsUrl, { token: alice });
    await socket.subscribe("orders", {});
    await socket.subscribe("executions", {});
  });
  afterAll(async () => {
    socket.close();
    await t.close();
  });

  it("follows a market order from POST /orders to the orders.update and executions.update it published", async () => {
    const res = await place("test-story-1", {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 2,
    });
    expect(res.status).toBe(201);
    const orderId = res.body.orderId;
    await nextOrder(orderId, OrderStatus.Filled);
    await socket.nextOfType("executions.update");

    const story = grep("test-story-1");
    const said = story.map((r) => r.message);
    expect(said).toEqual(
      expect.arrayContaining([
        "incoming request",
        "order accepted",
        "execution recorded",
        "orders.update published",
        "executions.update published",
        "request completed",
      ]),
    );
    // The engine's lines name the order; the request's own lines carry the same id.
    for (const message of [
      "order accepted",
      "execution recorded",
      "orders.update published",
      "executions.update published",
    ]) {
      expect(
        story.find((r) => r.message === message)?.fields,
        message,
      ).toMatchObject({ requestId: "test-story-1", orderId });
    }
    const level = (message: string) =>
      story.find((r) => r.message === message)?.level;
    // The engine's steps are at info; the publications (one per topic update) at debug.
    expect(level("order accepted")).toBe("info");
    expect(level("execution recorded")).toBe("info");
    expect(level("orders.update published")).toBe("debug");
    expect(
      story.find((r) => r.message === "execution recorded")?.fields,
    ).toMatchObject({ qty: 2, symbol: "AAPL", side: Side.Buy });
  });

  it("keeps the placing request's id on a working order that a later quote fills", async () => {
    market.set("SOLUSD", 185);
    const res = await place("test-story-2", {
      symbol: "SOLUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1,
      limitPrice: 180,
    });
    expect(res.status).toBe(201);
    const orderId = res.body.orderId;
    await nextOrder(orderId, OrderStatus.Working);
    const before = grep("test-story-2").length;

    // No request is running now: the fill comes from the market.
    market.set("SOLUSD", 179);
    await nextOrder(orderId, OrderStatus.Filled);
    await t.broker.idle("acc-alice-main");

    const later = grep("test-story-2").slice(before);
    expect(later.map((r) => r.message)).toEqual(
      expect.arrayContaining([
        "execution recorded",
        "orders.update published",
        "executions.update published",
      ]),
    );
    for (const line of later)
      expect(line.fields, line.message).toMatchObject({
        requestId: "test-story-2",
        orderId,
      });
  });

  it("logs a cancel under its own request and names the request that placed the order", async () => {
    const placed = await place("test-story-3", {
      symbol: "SOLUSD",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1,
      limitPrice: 100,
    });
    const orderId = placed.body.orderId;
    const res = await t.request("DELETE", `/api/v1/broker/orders/${orderId}`, {
      token: alice,
      headers: { "x-request-id": "test-story-4" },
    });
    expect(res.status).toBe(200);
    await nextOrder(orderId, OrderStatus.Canceled);
    expect(
      grep("test-story-4").find((r) => r.message === "order cancelled")?.fields,
    ).toMatchObject({
      requestId: "test-story-4",
      placedBy: "test-story-3",
      orderId,
    });
    expect(
      grep("test-story-4").find((r) => r.message === "orders.update published")
        ?.fields,
    ).toMatchObject({
      requestId: "test-story-4",
      placedBy: "test-story-3",
      orderId,
    });
  });
});
