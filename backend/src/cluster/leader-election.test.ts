import { randomInt } from "node:crypto";
import pg from "pg";
import { Registry } from "prom-client";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { freePort } from "../testing/redis-server";
import { LeaderElection } from "./leader-election";

// Advisory locks need a real PostgreSQL with several sessions: no PGlite fallback here.
const url = process.env.DATABASE_URL;
if (!url && process.env.CI)
  throw new Error(
    "CI is set but DATABASE_URL is not: the election tests would be skipped",
  );
if (!url)
  console.warn("DATABASE_URL is not set: the leader election tests do not run");

const waitFor = (check: () => void | Promise<void>): Promise<void> =>
  vi.waitFor(check, { timeout: 15_000, interval: 10 });

describe.skipIf(!url)("LeaderElection on PostgreSQL", () => {
  const databaseUrl = url ?? "";
  let observer: pg.Client;
  let elections: LeaderElection[] = [];
  // A key per test, so parallel test files (and other checkouts) on one server never compete.
  let key = 0n;

  beforeAll(async () => {
    observer = new pg.Client({ connectionString: databaseUrl });
    await observer.connect();
  });
  afterAll(() => observer.end());
  afterEach(async () => {
    await Promise.all(elections.map((e) => e.stop()));
    elections = [];
  });

  /** An election of this test's group, with what its listener was told. */
  function election(instanceId: string): {
    election: LeaderElection;
    told: boolean[];
    registry: Registry;
  } {
    const registry = new Registry();
    const e = new LeaderElection({
      databaseUrl,
      instanceId,
      pollMs: 50,
      registry,
      lockKey: key,
    });
    const told: boolean[] = [];
    e.onChange((leader) => {
      told.push(leader);
    });
    elections.push(e);
    return { election: e, told, registry };
  }

  /** The backends holding this test's lock, from the server's own lock table. */
  async function holders(): Promise<number[]> {
    const { rows } = await observer.query<{ pid: number }>(
      `select pid from pg_locks
        where locktype = 'advisory' and granted and objsubid = 1
          and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
      [key.toString()],
    );
    return rows.map((r) => r.pid);
  }

  const newKey = (): bigint => BigInt(randomInt(1, 2 ** 31 - 1));

  it("of two elections exactly one leads; when it stops, the other takes over", async () => {
    key = newKey();
    const a = election("a");
    const b = election("b");
    await Promise.all([a.election.start(), b.election.start()]);
    const leaders = [a, b].filter((x) => x.election.isLeader());
    expect(leaders).toHaveLength(1);
    expect(await holders()).toHaveLength(1);
    const [leader, follower] = a.election.isLeader() ? [a, b] : [b, a];
    expect(leader.told).toEqual([true]);
    expect(follower.told).toEqual([]);
    const gauge = async (r: Registry): Promise<number | undefined> =>
      (await r.getSingleMetric("tradewire_cluster_leader")?.get())?.values[0]
        ?.value;
    expect(await gauge(leader.registry)).toBe(1);
    expect(await gauge(follower.registry)).toBe(0);

    const stopped = Date.now();
    await leader.election.stop();
    expect(leader.told).toEqual([true, false]);
    await waitFor(() => expect(follower.election.isLeader()).toBe(true));
    console.log(
      `leader election: takeover ${Date.now() - stopped} ms after stop (LEADER_POLL_MS 50)`,
    );
    expect(follower.told).toEqual([true]);
    expect(leader.election.isLeader()).toBe(false);
    expect(await holders()).toHaveLength(1);
    expect(await gauge(follower.registry)).toBe(1);
  });

  it("steps down when its connection is terminated, and one instance leads again", async () => {
    key = newKey();
    const a = election("a");
    const b = election("b");
    await a.election.start();
    await b.election.start();
    expect(a.election.isLeader()).toBe(true);
    const [pid] = await holders();
    await observer.query("select pg_terminate_backend($1)", [pid]);
    await waitFor(() => expect(a.told.slice(0, 2)).toEqual([true, false]));
    await waitFor(async () => {
      expect(await holders()).toHaveLength(1);
      const leading = [a, b].filter((x) => x.election.isLeader());
      expect(leading).toHaveLength(1);
    });
    // Whoever leads now holds the lock on a session other than the terminated one.
    expect(await holders()).not.toContain(pid);
  });

  it("keeps trying, without leading, while the database cannot be reached", async () => {
    key = newKey();
    const port = await freePort();
    const unreachable = new URL(databaseUrl);
    unreachable.port = String(port);
    const warnings: string[] = [];
    const e = new LeaderElection({
      databaseUrl: unreachable.toString(),
      instanceId: "cut-off",
      pollMs: 50,
      registry: new Registry(),
      lockKey: key,
      log: {
        info: () => undefined,
        warn: (_obj, msg) => warnings.push(msg),
        error: () => undefined,
      },
    });
    elections.push(e);
    await e.start();
    expect(e.isLeader()).toBe(false);
    await waitFor(() => expect(warnings.length).toBeGreaterThan(1));
    expect(warnings[0]).toBe("leader election: cannot reach the database");
    await e.stop();
    expect(await holders()).toEqual([]);
  });

  it("runs listeners in registration order, each awaited, one change at a time", async () => {
    key = newKey();
    const registry = new Registry();
    const e = new LeaderElection({
      databaseUrl,
      instanceId: "ordered",
      pollMs: 50,
      registry,
      lockKey: key,
    });
    elections.push(e);
    const steps: string[] = [];
    e.onChange(async (leader) => {
      steps.push(`first ${leader} begins`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      steps.push(`first ${leader} ends`);
    });
    e.onChange((leader) => {
      steps.push(`second ${leader}`);
    });
    await e.start();
    await e.stop();
    expect(steps).toEqual([
      "first true begins",
      "first true ends",
      "second true",
      "first false begins",
      "first false ends",
      "second false",
    ]);
    expect(await holders()).toEqual([]);
    const changes = await registry
      .getSingleMetric("tradewire_cluster_leader_changes_total")
      ?.get();
    expect(changes?.values).toEqual([
      { value: 2, labels: { instance_id: "ordered" } },
    ]);
  });
});
