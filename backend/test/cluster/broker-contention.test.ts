import { OrderType, Side } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkWorld } from "../broker/property/invariants";
import { brokerCalls } from "../support/broker-calls";
import { startCluster, type Cluster } from "../support/broker-cluster-apps";
import { takeViolations } from "../support/conformance";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";
import { until } from "../support/test-socket";

const SWING = "?accountId=acc-alice-swing";

/**
 * Instances racing for one account over one database: whatever order their commits land in, the
 * account stays what one instance alone would have made of the same requests.
 */
describe("one account written by several instances at once", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  const market = new ControlledMarket();
  let cluster: Cluster;
  let alice: string;
  const node = (i: number) => {
    const found = cluster.nodes[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };
  const calls = (i: number) => brokerCalls(() => node(i).t);
  const marketBuy = (symbol: string, qty: number) => ({
    symbol,
    type: OrderType.Market,
    side: Side.Buy,
    qty,
  });
  const staleCommits = async (i: number) =>
    valueOf(
      parseSamples(await scrape(node(i).t.httpUrl)),
      "tradewire_broker_stale_commits_total",
    );

  beforeAll(async () => {
    cluster = await startCluster(3, clock, market);
    alice = await node(1).t.login("alice");
  });
  afterEach(() => {
    expect(takeViolations()).toEqual([]);
    expect(cluster.busErrors).toEqual([]);
  });
  afterAll(() => cluster.close());

  it("never passes two instances' margin checks on one state: many parallel placements on B and C stay within buying power", async () => {
    const placements = Array.from({ length: 40 }, (_, i) =>
      calls(1 + (i % 2)).place(alice, marketBuy("SOLUSD", 10), SWING),
    );
    const statuses = (await Promise.all(placements)).map((r) => r.status);
    const accepted = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 422).length;
    // Nothing else: a 503 would mean the retries ran out, which two instances cannot cause.
    expect(accepted + refused).toBe(40);
    // 10 SOL hold about 925 of margin: about 26 fit in 25,000, never all 40.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
    // The race did happen: commits lost the compare-and-set and were re-run under the row lock.
    const stale = (await staleCommits(1)) + (await staleCommits(2));
    // One PGlite connection runs the transactions one at a time, and the in-process bus keeps
    // every book current between them: there the race is forced by the bus-cut test instead.
    if (cluster.database.kind === "postgres") expect(stale).toBeGreaterThan(0);
    console.info(`${stale} stale commits re-run in 40 placements`);
    const executions = await calls(0).executions(alice, SWING + "&limit=100");
    expect(executions.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: accepted }, (_, i) => i + 1),
    );
    const state = await cluster.database.db
      .selectFrom("account_state")
      .select("version")
      .where("account_id", "=", "acc-alice-swing")
      .executeTakeFirstOrThrow();
    for (const i of [1, 2]) {
      const book = await node(i).t.broker.book("acc-alice-swing");
      // Each instance's book caught up with what the other committed.
      await until(() => book.version === state.version);
      await checkWorld({
        problems: [],
        accounts: [{ id: "acc-alice-swing", start: 25_000 }],
        database: cluster.database,
        market,
        clock,
        book: () => book,
      });
      expect(
        book.risk((s) => market.instrument(s)).buyingPower,
      ).toBeGreaterThanOrEqual(0);
    }
  });

  it("re-runs a command whose book went stale behind a cut bus, on the state the other instance wrote", async () => {
    const book = await node(2).t.broker.book("acc-alice-main");
    const staleBefore = await staleCommits(2);
    node(2).link.cut();
    await calls(1).place(alice, marketBuy("AAPL", 1));
    const version = book.version;
    // C's book still has the version before B's fill: its commit loses the compare-and-set.
    const placed = await calls(2).place(alice, marketBuy("AAPL", 2));
    node(2).link.restore();
    expect(placed.status).toBe(201);
    expect(book.version).toBe(version + 2);
    const executions = await calls(0).executions(alice);
    expect(executions.slice(0, 2).map((e) => [e.sequence, e.qty])).toEqual([
      [executions[1]!.sequence + 1, 2],
      [executions[1]!.sequence, 1],
    ]);
    expect(await staleCommits(2)).toBeGreaterThan(staleBefore);
  });

  it("places one order for a clientOrderId sent to two instances at once, and answers both with it", async () => {
    const body = {
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1,
      limitPrice: 200,
      clientOrderId: "cluster-retry-1",
    };
    const answers = await Promise.all(
      [1, 2, 1, 2].map((i) => calls(i).place(alice, body)),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const ids = new Set(answers.map((a) => a.body.orderId));
    expect(ids.size).toBe(1);
    const stored = await cluster.database.db
      .selectFrom("orders")
      .select("id")
      .where("client_order_id", "=", "cluster-retry-1")
      .execute();
    expect(stored.map((r) => r.id)).toEqual([...ids]);
    // The same id with another request is a reuse on any instance.
    const reused = await calls(0).place(alice, { ...body, qty: 2 });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("CLIENT_ORDER_ID_REUSED");
  });
});
