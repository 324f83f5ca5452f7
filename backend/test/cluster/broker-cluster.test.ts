import {
  OrderStatus,
  OrderType,
  Side,
  type Equity,
  type Execution,
  type Order,
} from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { brokerCalls } from "../support/broker-calls";
import { startCluster, type Cluster } from "../support/broker-cluster-apps";
import { takeViolations } from "../support/conformance";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";

/**
 * Three instances in one process, as a cluster runs them: one database, one bus, instance-0 the
 * leader. Alice's REST calls and sockets go to different instances.
 */
describe("one broker truth across instances", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  const market = new ControlledMarket();
  let cluster: Cluster;
  let alice: string;
  const sockets: TestSocket[] = [];
  const node = (i: number) => {
    const found = cluster.nodes[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };
  const calls = (i: number) => brokerCalls(() => node(i).t);
  const open = async (i: number) => {
    const s = await TestSocket.open(node(i).t.wsUrl, { token: alice });
    sockets.push(s);
    return s;
  };
  const updates = <T>(s: TestSocket, route: string) =>
    s.frames
      .filter((f) => f.type === `${route}.update`)
      .map((f) => f.payload.payload as T);
  const marketBuy = (symbol: string, qty: number) => ({
    symbol,
    type: OrderType.Market,
    side: Side.Buy,
    qty,
  });

  beforeAll(async () => {
    cluster = await startCluster(3, clock, market);
    alice = await node(1).t.login("alice");
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
    expect(cluster.busErrors).toEqual([]);
  });
  afterAll(() => cluster.close());

  it("sends alice's socket on C the order, the execution and the equity of a fill placed on B", async () => {
    const s = await open(2);
    await s.subscribe("orders", {});
    await s.subscribe("executions", {});
    await s.subscribe("equity", {});
    await s.nextOfType("equity.update");
    s.frames.length = 0;
    const placed = await calls(1).place(alice, marketBuy("AAPL", 10));
    expect(placed.status).toBe(201);
    const [execution] = await calls(1).executions(alice);
    const equity = await calls(1).equity(alice);
    await until(() =>
      updates<Equity>(s, "equity").some((e) => e.balance === equity.balance),
    );
    expect(updates<Order>(s, "orders")).toEqual([placed.body.order]);
    expect(updates<Execution>(s, "executions")).toEqual([execution]);
    expect(execution).toMatchObject({
      orderId: placed.body.orderId,
      sequence: 1,
    });
    expect(updates<Equity>(s, "equity").at(-1)).toMatchObject({
      balance: equity.balance,
      realizedPl: equity.realizedPl,
    });
  });

  it("fills a working limit placed on follower B on the leader, and B's executions socket gets it with its sequence", async () => {
    const s = await open(1);
    await s.subscribe("executions", {});
    const before = await calls(1).executions(alice);
    const placed = await calls(1).place(alice, {
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 2,
      limitPrice: 230,
    });
    expect(placed.body.order.status).toBe(OrderStatus.Working);
    market.set("AAPL", 229);
    await until(() => updates(s, "executions").length === 1);
    const [fill] = updates<Execution>(s, "executions");
    expect(fill).toMatchObject({
      orderId: placed.body.orderId,
      sequence: before.length + 1,
      qty: 2,
    });
    expect((await calls(1).executions(alice))[0]).toEqual(fill);
    expect(await calls(2).order(alice, placed.body.orderId)).toMatchObject({
      status: OrderStatus.Filled,
      filledQty: 2,
    });
  });

  it("replays executions from `since` on another instance with no gap and no duplicate", async () => {
    const first = await open(2);
    await first.subscribe("executions", {});
    await calls(1).place(alice, marketBuy("AAPL", 3));
    const seen = (await first.nextOfType("executions.update")).payload
      .payload as Execution;
    first.close();
    await first.closed;
    for (const i of [0, 2])
      await calls(i).place(alice, marketBuy("AAPL", i + 1));
    const again = await open(0);
    again.send({
      type: "executions.subscribe",
      id: 1,
      payload: { since: seen.sequence },
    });
    await again.nextOfType("executions.subscribe.response");
    await calls(1).place(alice, marketBuy("AAPL", 4));
    await until(() => updates(again, "executions").length === 3);
    await again.ping();
    expect(
      updates<Execution>(again, "executions").map((e) => [e.sequence, e.qty]),
    ).toEqual([
      [seen.sequence + 1, 1],
      [seen.sequence + 2, 3],
      [seen.sequence + 3, 4],
    ]);
  });

  it("resynchronises an instance cut off from the bus from the database: its socket gets every missed execution in order", async () => {
    const s = await open(2);
    await s.subscribe("executions", {});
    await s.subscribe("orders", {});
    const before = await calls(2).executions(alice);
    node(2).link.cut();
    const missed = [
      await calls(1).place(alice, marketBuy("AAPL", 1)),
      await calls(0).place(alice, marketBuy("AAPL", 2)),
    ];
    await s.ping();
    expect(updates(s, "executions")).toEqual([]);
    s.frames.length = 0;
    node(2).link.restore();
    await until(() => updates(s, "executions").length === 2);
    expect(
      updates<Execution>(s, "executions").map((e) => [e.sequence, e.orderId]),
    ).toEqual(
      missed.map((m, i) => [
        (before[0]?.sequence ?? 0) + i + 1,
        m.body.orderId,
      ]),
    );
    const filled = updates<Order>(s, "orders").map((o) => o.id);
    for (const m of missed) expect(filled).toContain(m.body.orderId);
  });

  it("keeps working orders matched when the leader steps down and another instance leads", async () => {
    const s = await open(2);
    await s.subscribe("executions", {});
    const first = await calls(2).place(alice, {
      symbol: "USDJPY",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1000,
      limitPrice: 147,
    });
    expect(first.body.order.status).toBe(OrderStatus.Working);
    await node(0).role.demote();
    await node(1).role.promote();
    // Placed on the old leader, now a follower: the new leader matches it too.
    const second = await calls(0).place(alice, {
      symbol: "USDJPY",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 2000,
      limitPrice: 146.9,
    });
    market.set("USDJPY", 146.5);
    await until(() => updates(s, "executions").length === 2);
    expect(
      updates<Execution>(s, "executions")
        .map((e) => [e.orderId, e.qty])
        .sort(),
    ).toEqual(
      [
        [first.body.orderId, 1000],
        [second.body.orderId, 2000],
      ].sort(),
    );
    for (const { body } of [first, second])
      expect(await calls(1).order(alice, body.orderId)).toMatchObject({
        status: OrderStatus.Filled,
      });
    // Exactly one fill each: the old leader matched nothing.
    const fills = (await calls(1).executions(alice)).filter((e) =>
      [first.body.orderId, second.body.orderId].includes(e.orderId),
    );
    expect(fills).toHaveLength(2);
  });
});
