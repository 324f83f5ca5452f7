import { describe, expect, expectTypeOf, it } from "vitest";
import {
  CloseCode,
  OrderStatus,
  type BarsSubscriptionRequest,
  type ErrorBody,
  type Execution,
  type Order,
  type QuoteData,
} from "../generated/models.js";
import { SubscribeError } from "./errors.js";
import { Collector, waitForState } from "./testing/client-helpers.js";
import { AAPL_1, bar, order } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";
import { ManualClock } from "./testing/manual-clock.js";
import { sendUpdate } from "./testing/protocol-server.js";
import type { ChannelData, ChannelParams, UpdateMeta } from "./types.js";

const setup = useHarness();
const BARS_TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';
const ORDERS_TOPIC = 'orders:{"accountId":"a1"}';

describe("TradewireClient subscriptions", () => {
  it("queues a subscribe made before connect() and sends it once the socket opens", async () => {
    const { server, client } = await setup();
    const sub = client.subscribe("bars", AAPL_1, () => undefined);
    expect(client.state.status).toBe("idle");
    client.connect();
    await expect(sub.ready).resolves.toBe(BARS_TOPIC);
    const [frame] = server.framesOfType("bars.subscribe");
    expect(frame?.payload).toEqual({ symbol: "AAPL", resolution: "1" });
    expect(frame?.id).toEqual(expect.any(Number));
  });

  it("shares one wire subscription between listeners with the same params, and unsubscribes after the last leaves", async () => {
    const { server, client } = await setup();
    const first = new Collector<number>();
    const second = new Collector<number>();
    const a = client.subscribe("bars", AAPL_1, (b) => first.push(b.close));
    // Same params in another key order: the same canonical topic.
    const b = client.subscribe(
      "bars",
      { resolution: "1", symbol: "AAPL" },
      (bar) => second.push(bar.close),
    );
    expect(b.key).toBe(a.key);
    client.connect();
    expect(await Promise.all([a.ready, b.ready])).toEqual([
      BARS_TOPIC,
      BARS_TOPIC,
    ]);
    expect(server.framesOfType("bars.subscribe")).toHaveLength(1);

    server.publish("bars", BARS_TOPIC, 1, bar(1_700_000_040_000, 189.75));
    expect(await first.next(1)).toEqual([189.75]);
    expect(await second.next(1)).toEqual([189.75]);

    a.unsubscribe();
    a.unsubscribe();
    // Frames keep their order on the socket: had an unsubscribe gone out, it would be here first.
    await client.subscribe("quotes", { symbols: ["MSFT"] }, () => undefined)
      .ready;
    expect(server.framesOfType("bars.unsubscribe")).toHaveLength(0);

    server.publish("bars", BARS_TOPIC, 2, bar(1_700_000_040_000, 189.8));
    expect(await second.next(2)).toEqual([189.75, 189.8]);
    expect(first.items).toEqual([189.75]);

    b.unsubscribe();
    await server.until(
      () => server.framesOfType("bars.unsubscribe").length > 0,
    );
    expect(server.framesOfType("bars.unsubscribe")[0]?.payload).toEqual({
      symbol: "AAPL",
      resolution: "1",
    });
  });

  it("delivers typed updates with seq, routed by the account-scoped topic the server returned", async () => {
    const { server, client } = await setup();
    const received = new Collector<[Order, UpdateMeta]>();
    const sub = client.subscribe("orders", {}, (data, meta) => {
      expectTypeOf(data).toEqualTypeOf<Order>();
      received.push([data, meta]);
    });
    client.connect();
    expect(sub.key).toBe("orders:{}");
    await expect(sub.ready).resolves.toBe(ORDERS_TOPIC);

    const working = order("o1", OrderStatus.Working);
    const filled = order("o1", OrderStatus.Filled, 10);
    server.publish("orders", ORDERS_TOPIC, 1, working);
    server.publish("orders", ORDERS_TOPIC, 2, filled);
    // A topic the client never subscribed to is ignored.
    server.send({
      type: "orders.update",
      payload: { topic: 'orders:{"accountId":"a2"}', seq: 3, payload: working },
    });
    expect(await received.next(2)).toEqual([
      [working, { route: "orders", topic: ORDERS_TOPIC, seq: 1 }],
      [filled, { route: "orders", topic: ORDERS_TOPIC, seq: 2 }],
    ]);
  });

  it("types params and listeners from the channel map", async () => {
    const { client } = await setup();
    client.subscribe("quotes", { symbols: ["AAPL", "MSFT"] }, (quote) => {
      expectTypeOf(quote).toEqualTypeOf<QuoteData>();
    });
    // @ts-expect-error a bars request needs a resolution
    client.subscribe("bars", { symbol: "AAPL" }, () => undefined);
    // @ts-expect-error account-scoped requests cannot name an account
    client.subscribe("orders", { accountId: "a2" }, () => undefined);
    expectTypeOf<
      ChannelParams<"bars">
    >().toEqualTypeOf<BarsSubscriptionRequest>();
    expectTypeOf<ChannelData<"executions">>().toEqualTypeOf<Execution>();
  });

  it("asks the server for the snapshot again when a listener joins a confirmed snapshot topic", async () => {
    const { server, client } = await setup();
    const working = order("o1", OrderStatus.Working);
    server.afterSubscribe = (topic, _frame, socket) =>
      sendUpdate(socket, "orders", topic, 4, working);
    const first = new Collector<number>();
    const second = new Collector<number>();
    client.connect();
    await client.subscribe("orders", {}, (_o, m) => first.push(m.seq)).ready;
    expect(await first.next(1)).toEqual([4]);

    const late = client.subscribe("orders", {}, (_o, m) => second.push(m.seq));
    await expect(late.ready).resolves.toBe(ORDERS_TOPIC);
    expect(await second.next(1)).toEqual([4]);
    // The earlier listener sees the snapshot again as a repeat of seq 4.
    expect(await first.next(2)).toEqual([4, 4]);
    expect(server.framesOfType("orders.subscribe")).toHaveLength(2);
  });

  it("rejects ready with the server's code and message when the subscribe is refused", async () => {
    const { server, client } = await setup();
    server.subscribeReply = (frame) =>
      frame.payload.symbol === "NOPE"
        ? {
            status: "error",
            code: "UNKNOWN_SYMBOL",
            message: "unknown symbol NOPE",
          }
        : { status: "ok" };
    const errors: SubscribeError[] = [];
    client.connect();
    const sub = client.subscribe(
      "bars",
      { symbol: "NOPE", resolution: "1" },
      () => undefined,
      { onError: (error) => errors.push(error) },
    );
    const error = await sub.ready.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscribeError);
    expect(error).toMatchObject({
      code: "UNKNOWN_SYMBOL",
      message: "unknown symbol NOPE",
      key: 'bars:{"resolution":"1","symbol":"NOPE"}',
    });
    expect(errors).toEqual([error]);

    // The refused key is forgotten, so the next subscribe asks the server again.
    server.subscribeReply = () => ({ status: "ok" });
    const again = client.subscribe(
      "bars",
      { symbol: "NOPE", resolution: "1" },
      () => undefined,
    );
    await expect(again.ready).resolves.toBe(
      'bars:{"resolution":"1","symbol":"NOPE"}',
    );
    expect(server.framesOfType("bars.subscribe")).toHaveLength(2);
  });

  it("rejects ready with SUBSCRIBE_TIMEOUT when the server does not confirm in time", async () => {
    const clock = new ManualClock();
    const { server, client } = await setup({
      timers: clock,
      now: clock.now,
      subscribeTimeoutMs: 5_000,
    });
    server.subscribeReply = () => ({ status: "silent" });
    client.connect();
    let outcome: unknown;
    const sub = client.subscribe("bars", AAPL_1, () => undefined);
    sub.ready.then(
      (topic) => (outcome = topic),
      (error: unknown) => (outcome = error),
    );
    await server.until(() => server.framesOfType("bars.subscribe").length > 0);

    clock.advance(4_999);
    await Promise.resolve();
    expect(outcome).toBeUndefined();
    clock.advance(1);
    await expect(sub.ready).rejects.toMatchObject({
      name: "SubscribeError",
      code: "SUBSCRIBE_TIMEOUT",
    });
    // The server may still act on the subscribe; the client takes it back.
    await server.until(
      () => server.framesOfType("bars.unsubscribe").length > 0,
    );
  });

  it("sends a subscribe refused as RATE_LIMITED again after rateLimitRetryMs", async () => {
    const clock = new ManualClock();
    const { server, client } = await setup({
      timers: clock,
      now: clock.now,
      rateLimitRetryMs: 1_000,
    });
    let refusals = 1;
    server.subscribeReply = () =>
      refusals-- > 0
        ? { status: "error-frame", code: "RATE_LIMITED" }
        : { status: "ok" };
    client.connect();
    const sub = client.subscribe("bars", AAPL_1, () => undefined);
    await clock.waitForTimer(1_000);
    clock.advance(1_000);
    await expect(sub.ready).resolves.toBe(BARS_TOPIC);
    expect(server.framesOfType("bars.subscribe")).toHaveLength(2);
  });

  it("rejects ready with the code of an error frame that answers the subscribe", async () => {
    const { server, client } = await setup();
    server.subscribeReply = () => ({
      status: "error-frame",
      code: "INVALID_MESSAGE",
    });
    const serverErrors: ErrorBody[] = [];
    client.onError((e) => serverErrors.push(e));
    client.connect();
    const sub = client.subscribe("bars", AAPL_1, () => undefined);
    await expect(sub.ready).rejects.toMatchObject({
      code: "INVALID_MESSAGE",
      message: "INVALID_MESSAGE (test)",
    });
    // It answered a request, so it is not reported as a stray server error.
    expect(serverErrors).toEqual([]);
  });

  it("rejects ready with UNSUBSCRIBED when the listener leaves before confirmation, and ignores the late answer", async () => {
    const { server, client } = await setup();
    server.subscribeReply = () => ({ status: "silent" });
    const received: number[] = [];
    client.connect();
    const sub = client.subscribe("bars", AAPL_1, (b) => received.push(b.close));
    await server.until(() => server.framesOfType("bars.subscribe").length > 0);
    sub.unsubscribe();
    await expect(sub.ready).rejects.toMatchObject({ code: "UNSUBSCRIBED" });
    await server.until(
      () => server.framesOfType("bars.unsubscribe").length > 0,
    );

    const [subscribe] = server.framesOfType("bars.subscribe");
    if (subscribe) server.accept(subscribe);
    server.publish("bars", BARS_TOPIC, 1, bar(1_700_000_040_000, 189.75));
    // A later subscribe of another topic proves the frames above were read.
    server.subscribeReply = () => ({ status: "ok" });
    await client.subscribe("quotes", { symbols: ["MSFT"] }, () => undefined)
      .ready;
    expect(received).toEqual([]);
  });

  it("hands server errors that answer no request to onError listeners", async () => {
    const { server, client } = await setup();
    const errors = new Collector<ErrorBody>();
    client.onError(errors.push);
    client.connect();
    await waitForState(client, (s) => s.status === "open");
    const body = {
      code: "INVALID_JSON",
      message: "the frame is not valid JSON",
    };
    server.send({ type: "error", payload: body });
    expect(await errors.next(1)).toEqual([body]);
  });
});

describe("TradewireClient closing", () => {
  it("stops for good on 4001 and ends every subscription with CONNECTION_CLOSED", async () => {
    const clock = new ManualClock();
    const { server, client } = await setup({ timers: clock, now: clock.now });
    server.subscribeReply = (frame) =>
      frame.type === "bars.subscribe" ? { status: "silent" } : { status: "ok" };
    const errors: string[] = [];
    client.connect();
    const orders = client.subscribe("orders", {}, () => undefined, {
      onError: (e) => errors.push(`orders ${e.code}`),
    });
    await orders.ready;
    const pending = client.subscribe("bars", AAPL_1, () => undefined);
    await server.until(() => server.framesOfType("bars.subscribe").length > 0);

    server.drop(CloseCode.TokenInvalid);
    const closed = await waitForState(client, (s) => s.status === "closed");
    expect(closed).toEqual({
      status: "closed",
      attempt: 0,
      closeCode: CloseCode.TokenInvalid,
      url: server.url,
    });
    expect(errors).toEqual(["orders CONNECTION_CLOSED"]);
    await expect(pending.ready).rejects.toMatchObject({
      code: "CONNECTION_CLOSED",
    });
    expect(clock.pendingDelays()).toEqual([]);
    expect(server.connections).toHaveLength(1);
  });

  it("does not reconnect after its own close()", async () => {
    const clock = new ManualClock();
    const { server, client } = await setup({ timers: clock, now: clock.now });
    client.connect();
    await waitForState(client, (s) => s.status === "open");
    await client.close();
    expect(client.state).toEqual({
      status: "closed",
      attempt: 0,
      closeCode: CloseCode.NormalClosure,
      url: server.url,
    });
    await server.until(() => server.closes.length === 1);
    expect(server.closes).toEqual([
      { connection: 1, code: CloseCode.NormalClosure },
    ]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it("sends the token as a query parameter, asking a token function on every connect", async () => {
    const tokens = ["first", "second"];
    const { server, client } = await setup({
      token: async () => Promise.resolve(tokens.shift()),
      reconnect: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    client.connect();
    await waitForState(client, (s) => s.status === "open");
    server.drop(CloseCode.ServiceRestart);
    await server.until(() => server.connections.length === 2);
    expect(server.connections.map((c) => c.token)).toEqual(["first", "second"]);
  });
});
