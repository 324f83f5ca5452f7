import {
  OrderStatus,
  OrderType,
  Side,
  type Bar,
  type Equity,
  type Execution,
  type Order,
  type Position,
} from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../src/testing";
import { processCluster, updatesOf } from "../support/process-cluster";
import { sharedServices } from "../support/shared-services";
import { until } from "../support/test-socket";

const services = sharedServices();

/**
 * Three real server processes sharing this machine's PostgreSQL (a database of their own) and
 * Redis, as `make cluster` runs them: market data made by the leader reaches a follower's
 * sockets, an order placed on one instance reaches the account's sockets on another, and two
 * instances racing for one account never pass the margin check twice.
 */
describe.runIf(services)("three instances on PostgreSQL and Redis", () => {
  let cluster: Cluster;
  const c = processCluster(() => cluster);
  let leader = -1;
  let followers: number[] = [];

  beforeAll(async () => {
    if (!services) return;
    cluster = await startCluster({
      instances: 3,
      ...services,
      env: { LEADER_POLL_MS: "200" },
    });
    leader = await c.leader([0, 1, 2]);
    followers = [0, 1, 2].filter((i) => i !== leader);
  }, 120_000);
  afterAll(() => cluster?.stop());

  it("a follower's sockets get the leader's market: the same forming bar, quotes flowing", async () => {
    const follower = followers[0] as number;
    const atLeader = await c.socket(leader);
    const atFollower = await c.socket(follower);
    const params = { symbol: "BTCUSD", resolution: "1" };
    for (const s of [atLeader, atFollower]) {
      expect((await s.subscribe("bars", params)).payload.status).toBe("ok");
      expect(
        (await s.subscribe("quotes", { symbols: ["BTCUSD"] })).payload.status,
      ).toBe("ok");
    }
    const latest = (s: typeof atLeader) =>
      JSON.stringify(updatesOf<Bar>(s, "bars").at(-1));
    // Both deliver each tick's bar; between two ticks the newest state is the same on both.
    await until(
      () =>
        updatesOf(atFollower, "bars").length >= 5 &&
        latest(atLeader) === latest(atFollower),
      20_000,
      `the follower's forming bar equal to the leader's\n${cluster.logs()}`,
    );
    expect(updatesOf(atFollower, "quotes").length).toBeGreaterThan(1);
    expect(await c.leads(follower)).toBe(false);
    atLeader.close();
    atFollower.close();
  }, 60_000);

  it("alice places on one instance; her sockets on another see the order, the fill and the equity change", async () => {
    const [b, c2] = followers as [number, number];
    const token = await c.login(b, "alice");
    const watcher = await c.socket(c2, token);
    for (const route of ["orders", "executions", "equity"])
      expect((await watcher.subscribe(route, {})).payload.status).toBe("ok");
    await until(() => updatesOf(watcher, "equity").length > 0, 10_000);
    const before = updatesOf<Equity>(watcher, "equity").at(-1) as Equity;

    const placed = await c.rest<{ orderId: string }>(
      leader,
      "POST",
      "/api/v1/broker/orders",
      token,
      { symbol: "ETHUSD", type: OrderType.Market, side: Side.Buy, qty: 0.5 },
    );
    expect(placed.status).toBe(201);
    const { orderId } = placed.body;
    await until(
      () =>
        updatesOf<Order>(watcher, "orders").some(
          (o) => o.id === orderId && o.status === OrderStatus.Filled,
        ) &&
        updatesOf<Execution>(watcher, "executions").some(
          (e) => e.orderId === orderId,
        ),
      10_000,
      "the order and its fill on the other instance's socket",
    );
    const fill = updatesOf<Execution>(watcher, "executions").find(
      (e) => e.orderId === orderId,
    ) as Execution;
    expect(fill).toMatchObject({ symbol: "ETHUSD", qty: 0.5, side: Side.Buy });
    // The REST answer of a third instance agrees with what the socket was sent.
    const listed = await c.rest<{ items: Execution[] }>(
      followers[0] as number,
      "GET",
      "/api/v1/broker/executions",
      token,
    );
    expect(listed.body.items.find((e) => e.orderId === orderId)).toEqual(fill);
    await until(
      () =>
        (updatesOf<Equity>(watcher, "equity").at(-1) as Equity).balance !==
        before.balance,
      10_000,
      "the equity change on the other instance's socket",
    );
    watcher.close();
  }, 60_000);

  it("two instances racing for one account never pass its margin check twice", async () => {
    const [b, c2] = followers as [number, number];
    const token = await c.login(b, "alice");
    const swing = "/api/v1/broker/orders?accountId=acc-alice-swing";
    // 10 SOL hold about 925 of margin: about 26 fit in the account's 25,000, never all 40.
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        c.rest(i % 2 ? b : c2, "POST", swing, token, {
          symbol: "SOLUSD",
          type: OrderType.Market,
          side: Side.Buy,
          qty: 10,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const accepted = statuses.filter((s) => s === 201).length;
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(40);
    const query = "?accountId=acc-alice-swing";
    const executions = await c.rest<{ items: Execution[] }>(
      leader,
      "GET",
      `/api/v1/broker/executions${query}&limit=100`,
      token,
    );
    expect(
      executions.body.items.map((e) => e.sequence).sort((x, y) => x - y),
    ).toEqual(Array.from({ length: accepted }, (_, i) => i + 1));
    for (const i of [0, 1, 2]) {
      const positions = await c.rest<Position[]>(
        i,
        "GET",
        `/api/v1/broker/positions${query}`,
        token,
      );
      expect(positions.body.find((p) => p.symbol === "SOLUSD")?.qty).toBe(
        10 * accepted,
      );
      const account = await c.rest<{ equity: Equity }>(
        i,
        "GET",
        `/api/v1/broker/account${query}`,
        token,
      );
      expect(account.body.equity.buyingPower).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
