import { describe, expect, it } from "vitest";
import { OrderStatus } from "../generated/models.js";
import { Collector } from "./testing/client-helpers.js";
import { AAPL_1, bar, execution, order } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";
import { sendUpdate } from "./testing/protocol-server.js";

const setup = useHarness();
const BARS_TOPIC = 'bars:{"resolution":"1","symbol":"AAPL"}';
const ORDERS_TOPIC = 'orders:{"accountId":"a1"}';
const EXECUTIONS_TOPIC = 'executions:{"accountId":"a1"}';

describe("TradewireClient seq gaps", () => {
  it("resubscribes on a gap in orders to get the snapshot again, but not on a gap in conflated bars", async () => {
    const { server, client } = await setup();
    let ordersSeq = 3;
    server.afterSubscribe = (topic, frame, socket) => {
      if (frame.type !== "orders.subscribe") return;
      const status = ordersSeq < 7 ? OrderStatus.Working : OrderStatus.Filled;
      sendUpdate(socket, "orders", topic, ordersSeq, order("o1", status));
    };
    const orderSeqs = new Collector<number>();
    const barSeqs = new Collector<number>();
    client.connect();
    await Promise.all([
      client.subscribe("orders", {}, (_o, m) => orderSeqs.push(m.seq)).ready,
      client.subscribe("bars", AAPL_1, (_b, m) => barSeqs.push(m.seq)).ready,
    ]);
    expect(await orderSeqs.next(1)).toEqual([3]);
    server.publish("orders", ORDERS_TOPIC, 4, order("o1", OrderStatus.Working));
    expect(await orderSeqs.next(2)).toEqual([3, 4]);

    // Bars conflate per bar time: seqs 2 to 4 were replaced on the server, not lost.
    server.publish("bars", BARS_TOPIC, 1, bar(1_700_000_040_000, 189.7));
    server.publish("bars", BARS_TOPIC, 5, bar(1_700_000_040_000, 189.9));
    expect(await barSeqs.next(2)).toEqual([1, 5]);

    // Orders 5 and 6 never arrive.
    ordersSeq = 7;
    server.publish("orders", ORDERS_TOPIC, 7, order("o1", OrderStatus.Filled));
    await server.until(
      () => server.framesOfType("orders.subscribe").length === 2,
    );
    // The bars gap came first on the same socket; a bars resubscribe would already be here.
    expect(server.framesOfType("bars.subscribe")).toHaveLength(1);
    expect(await orderSeqs.next(4)).toEqual([3, 4, 7, 7]);

    server.publish("orders", ORDERS_TOPIC, 8, order("o2", OrderStatus.Working));
    expect(await orderSeqs.next(5)).toEqual([3, 4, 7, 7, 8]);
    expect(server.framesOfType("orders.subscribe")).toHaveLength(2);
  });

  it("replays executions from the last delivered sequence after a gap, without duplicates", async () => {
    const { server, client } = await setup();
    // Resubscribes with a cursor are answered by the test, to control what arrives first.
    server.subscribeReply = (frame) =>
      frame.payload.since === undefined
        ? { status: "ok" }
        : { status: "silent" };
    server.afterSubscribe = (topic, frame, socket) => {
      if (frame.payload.since !== 11) return;
      // Replay frames carry the topic's current seq; 11 overlaps what was delivered.
      for (const sequence of [11, 12, 13, 14]) {
        sendUpdate(socket, "executions", topic, 5, execution(sequence));
      }
    };
    const fills = new Collector<number>();
    client.connect();
    await client.subscribe("executions", {}, (x) => fills.push(x.sequence))
      .ready;
    server.publish("executions", EXECUTIONS_TOPIC, 1, execution(10));
    server.publish("executions", EXECUTIONS_TOPIC, 2, execution(11));
    expect(await fills.next(2)).toEqual([10, 11]);

    // seq 3 (execution 12) is lost; the update after the hole is held back.
    server.publish("executions", EXECUTIONS_TOPIC, 4, execution(13));
    await server.until(
      () => server.framesOfType("executions.subscribe").length === 2,
    );
    const resubscribe = server.framesOfType("executions.subscribe")[1];
    expect(resubscribe?.payload).toEqual({ since: 11 });

    // Live while the replay is being prepared: dropped, the replay brings it.
    server.publish("executions", EXECUTIONS_TOPIC, 5, execution(14));
    if (resubscribe) server.accept(resubscribe);
    server.publish("executions", EXECUTIONS_TOPIC, 6, execution(15));
    expect(await fills.next(6)).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it("keeps a caller's `since` out of the topic key and sends it on the first subscribe", async () => {
    const { server, client } = await setup();
    client.connect();
    const fills = new Collector<number>();
    const sub = client.subscribe("executions", { since: 20 }, (x) =>
      fills.push(x.sequence),
    );
    expect(sub.key).toBe("executions:{}");
    await expect(sub.ready).resolves.toBe(EXECUTIONS_TOPIC);
    expect(server.framesOfType("executions.subscribe")[0]?.payload).toEqual({
      since: 20,
    });
    server.publish("executions", EXECUTIONS_TOPIC, 1, execution(20));
    server.publish("executions", EXECUTIONS_TOPIC, 2, execution(21));
    expect(await fills.next(1)).toEqual([21]);
  });
});
