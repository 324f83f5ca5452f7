import { sleep } from "../harness/clock";
import { MainInstance } from "../harness/main-instance";
import {
  listedSymbols,
  marketSocket,
  type MarketSocket,
} from "../harness/market-socket";
import { createRunDatabase } from "@tradewire/backend/testing";
import { findPostgres } from "./history";
import { clusterUnavailable, redisUrl } from "./scaleout";

export interface FailoverOptions {
  readonly instances: number;
  /** How long an instance may take to start (migrations, backfill) or a leader to appear. */
  readonly timeoutMs: number;
}

export type FailoverResult =
  | { readonly status: "skipped"; readonly reason: string }
  | {
      readonly status: "measured";
      readonly instances: number;
      readonly killed: string;
      readonly newLeader: string;
      /** SIGKILL of the leader to a survivor's `tradewire_cluster_leader 1`. */
      readonly leaderMs: number;
      /**
       * SIGKILL to the first quote / bar on a survivor's socket; null when the survivor's market
       * data does not come from the leader over the bus (then `marketNote` says so).
       */
      readonly quotesMs: number | null;
      readonly barsMs: number | null;
      readonly marketNote: string;
      /** How often `/metrics` was polled, the resolution of `leaderMs`. */
      readonly pollMs: number;
    };

const POLL_MS = 20;
/** Frames already on their way when the leader dies arrive within this; later ones are new. */
const IN_FLIGHT_MS = 50;
/** Quotes come with trades, seconds apart: the stream is watched this long before the kill. */
const STEADY_MS = 5000;
const ENV = {
  LOG_LEVEL: "warn",
  JWT_SECRET: "bench-failover-secret-long-enough-for-hs256-0123456789",
  BACKFILL_DAYS: "1",
  SHUTDOWN_DRAIN_MS: "0",
};

/** Resolves `check()`'s first non-null answer, polling; throws `what` after `timeoutMs`. */
async function waitFor<T>(
  check: () => Promise<T | null>,
  timeoutMs: number,
  what: () => string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (performance.now() > deadline) throw new Error(what());
    await sleep(POLL_MS);
  }
}

/**
 * Leader failover of real servers: `instances` copies of `backend/src/main.ts` clustered on a
 * fresh PostgreSQL database and Redis; the leader is SIGKILLed, and the time is measured until a
 * survivor reports being leader and until a survivor's bars and quotes sockets get data again.
 */
export async function runFailover(
  options: FailoverOptions,
  log: (line: string) => void,
): Promise<FailoverResult> {
  const redis = redisUrl();
  const redisDown = await clusterUnavailable(redis.url, redis.source);
  if (redisDown) return { status: "skipped", reason: redisDown };
  const postgres = await findPostgres();
  if ("skipped" in postgres)
    return { status: "skipped", reason: postgres.skipped };
  const database = await createRunDatabase(postgres.url, "tw_bench_failover");
  const running: MainInstance[] = [];
  let market: MarketSocket | null = null;
  try {
    const env = { ...ENV, REDIS_URL: redis.url, DATABASE_URL: database.url };
    const start = async (id: string): Promise<MainInstance> => {
      const instance = await MainInstance.start(id, env);
      running.push(instance);
      await waitFor(
        async () =>
          instance.exited ? false : (await instance.ready()) || null,
        options.timeoutMs,
        () => `${id} did not start: ${instance.lastErrors()}`,
      ).then((up) => {
        if (!up) throw new Error(`${id} exited: ${instance.lastErrors()}`);
      });
      return instance;
    };
    // The first one migrates and backfills alone, then leads; the others join it.
    const first = await start("bench-1");
    if ((await first.leader()) === null)
      return {
        status: "skipped",
        reason:
          "backend/src/main.ts does not join a cluster on this branch (no tradewire_cluster_leader in /metrics)",
      };
    await waitFor(
      async () => ((await first.leader()) === 1 ? true : null),
      options.timeoutMs,
      () => "the first instance never became leader",
    );
    for (let i = 2; i <= options.instances; i++) await start(`bench-${i}`);
    const leaders = await Promise.all(running.map((r) => r.leader()));
    const leader = running[leaders.indexOf(1)];
    if (!leader || leaders.filter((l) => l === 1).length !== 1)
      throw new Error(
        `expected one leader, /metrics says ${leaders.join(", ")}`,
      );
    const survivors = running.filter((r) => r !== leader);
    const watched = survivors[0] as MainInstance;
    const symbols = await listedSymbols(watched.port);
    market = await marketSocket(watched.port, symbols);
    const m = market;
    await waitFor(
      () => {
        const refused = m.refused();
        if (refused)
          throw new Error(
            `${watched.instanceId} refused a subscription: ${refused} (${watched.lastErrors()})`,
          );
        return Promise.resolve(
          m.firstAfter("quotes", 0) !== null && m.firstAfter("bars", 0) !== null
            ? true
            : null,
        );
      },
      options.timeoutMs,
      () =>
        `${watched.instanceId}'s socket got no quotes and bars: ${watched.lastErrors()}`,
    );
    log(
      `  failover: ${running.length} instances up, ${leader.instanceId} leads; killing it`,
    );
    // Whether the survivor's live market data (not the snapshots of the subscriptions) comes
    // from the leader: its bus receives while its socket gets quotes.
    const received = (): Promise<number | null> =>
      watched.metric("tradewire_bus_messages_received_total");
    const busBefore = await received();
    const steadyFrom = performance.now();
    await sleep(STEADY_MS);
    const busDelta = ((await received()) ?? 0) - (busBefore ?? 0);
    const live = m.countAfter("quotes", steadyFrom);
    const notFromLeader =
      live === 0
        ? `not measured: ${watched.instanceId}'s socket got no live quote in the ${STEADY_MS / 1000} s before ` +
          `the kill (its bus received ${busDelta} messages): no market data reached this follower`
        : busDelta === 0
          ? `not measured: ${watched.instanceId}'s socket got ${live} quotes in the ${STEADY_MS / 1000} s before ` +
            "the kill but its bus received nothing: every instance runs its own market on this branch"
          : null;
    const killedAt = performance.now();
    leader.kill();
    const newLeader = await waitFor(
      async () => {
        const states = await Promise.all(survivors.map((s) => s.leader()));
        return survivors[states.indexOf(1)] ?? null;
      },
      options.timeoutMs,
      () => "no survivor became leader",
    );
    const leaderMs = performance.now() - killedAt;
    const after = killedAt + IN_FLIGHT_MS;
    if (notFromLeader)
      return {
        status: "measured",
        instances: running.length,
        killed: leader.instanceId,
        newLeader: newLeader.instanceId,
        leaderMs,
        quotesMs: null,
        barsMs: null,
        marketNote: notFromLeader,
        pollMs: POLL_MS,
      };
    const [quotesAt, barsAt] = await waitFor(
      () => {
        const q = m.firstAfter("quotes", after);
        const b = m.firstAfter("bars", after);
        return Promise.resolve(q !== null && b !== null ? [q, b] : null);
      },
      options.timeoutMs,
      () =>
        `${watched.instanceId}'s socket got no market data after the failover`,
    );
    return {
      status: "measured",
      instances: running.length,
      killed: leader.instanceId,
      newLeader: newLeader.instanceId,
      leaderMs,
      quotesMs: quotesAt - killedAt,
      barsMs: barsAt - killedAt,
      marketNote:
        `${watched.instanceId}'s socket (quotes of ${symbols.length} symbols) got ${live} quotes and its ` +
        `bus ${busDelta} messages in the ${STEADY_MS / 1000} s before the kill: one quote every ` +
        `${Math.round(STEADY_MS / live)} ms on average, the resolution of the quotes figure; the bar ` +
        "figure (BTCUSD only) includes the wait for BTCUSD's next trade",
      pollMs: POLL_MS,
    };
  } finally {
    market?.socket.terminate();
    await Promise.all(running.map((r) => r.stop()));
    await database.drop();
  }
}
