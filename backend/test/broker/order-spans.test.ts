import { context, propagation, SpanKind, trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { OrderStatus, OrderType, Side, type Order } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Placement } from "../support/broker-calls";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN = "00f067aa0ba902b7";

/** With a tracer provider registered, as `startTracing` does when OTEL_* asks for traces. */
describe("OpenTelemetry spans of an order", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  let t: TradingApp;
  let alice: string;
  let socket: TestSocket;

  beforeAll(async () => {
    provider.register();
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      market: new ControlledMarket(),
    });
    alice = await t.login("alice");
    socket = await TestSocket.open(t.wsUrl, { token: alice });
    await socket.subscribe("orders", {});
  });
  afterAll(async () => {
    socket.close();
    await t.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it("makes one trace from POST /api/v1/broker/orders through broker.place to the orders.update publish", async () => {
    const res = await t.request<Placement>("POST", "/api/v1/broker/orders", {
      token: alice,
      headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      body: { symbol: "AAPL", type: OrderType.Market, side: Side.Buy, qty: 1 },
    });
    expect(res.status).toBe(201);
    const orderId = res.body.orderId;
    await socket.next(
      (f) =>
        f.type === "orders.update" &&
        (f.payload.payload as Order).id === orderId &&
        (f.payload.payload as Order).status === OrderStatus.Filled,
    );
    const named = (name: string) => () =>
      exporter.getFinishedSpans().find((s) => s.name === name);
    const server = named("POST /api/v1/broker/orders");
    // The server span ends once the answer is written, which may be after the client read it.
    await until(() => server() !== undefined);

    const spans = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === TRACE_ID);
    const one = (name: string): ReadableSpan => {
      const found = spans.filter((s) => s.name === name);
      expect(found, name).toHaveLength(1);
      return found[0] as ReadableSpan;
    };
    const http = one("POST /api/v1/broker/orders");
    const place = one("broker.place");
    const publishes = spans.filter((s) => s.name === "orders.update publish");

    expect(http.kind).toBe(SpanKind.SERVER);
    expect(http.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(http.attributes).toMatchObject({
      "http.request.method": "POST",
      "http.route": "/api/v1/broker/orders",
      "http.response.status_code": 201,
    });
    expect(typeof http.attributes["tradewire.request_id"]).toBe("string");

    expect(place.parentSpanContext?.spanId).toBe(http.spanContext().spanId);
    expect(place.attributes).toMatchObject({
      "tradewire.account_id": "acc-alice-main",
      "tradewire.order_id": orderId,
      "tradewire.request_id": http.attributes["tradewire.request_id"],
    });

    // Working, then filled: each state the order passed through is one publish, under the place.
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    for (const publish of publishes) {
      expect(publish.kind).toBe(SpanKind.PRODUCER);
      expect(publish.parentSpanContext?.spanId).toBe(
        place.spanContext().spanId,
      );
      expect(publish.attributes).toMatchObject({
        "messaging.destination.name": 'orders:{"accountId":"acc-alice-main"}',
        "tradewire.order_id": orderId,
      });
    }
  });

  it("starts a fresh trace for a request that brings no traceparent", async () => {
    exporter.reset();
    const res = await t.request("GET", "/health");
    expect(res.status).toBe(200);
    await until(() =>
      exporter.getFinishedSpans().some((s) => s.name === "GET /health"),
    );
    const [health] = exporter.getFinishedSpans();
    expect(health?.parentSpanContext).toBeUndefined();
    expect(health?.spanContext().traceId).not.toBe(TRACE_ID);
  });
});
