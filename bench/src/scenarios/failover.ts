import { randomBytes } from "node:crypto";
import pg from "pg";
import WebSocket from "ws";
import { sleep } from "../harness/clock";
import { MainInstance } from "../harness/main-instance";
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

const SYMBOL = "BTCUSD";
const POLL_MS = 20;
/** Frames already on their way when the leader dies arrive within this; later ones are new. */
const IN_FLIGHT_MS = 50;
const RESUBSCRIBE_MS = 500;
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

/** A quotes and a bars subscription on one instance, stamping when each kind last arrived. */
async function marketSocket(port: number): Promise<{
  socket: WebSocket;
  firstAfter: (kind: "quotes" | "bars", t: number) => number | null;
  refused: () => string | null;
}> {
  const arrivals = { quotes: [] as number[], bars: [] as number[] };
  let refused: string | null = null;
  const requests = [
    { type: "quotes.subscribe", id: 1, payload: { symbols: [SYMBOL] } },
    {
      type: "bars.subscribe",
      id: 2,
      payload: { symbol: SYMBOL, resolution: "1" },
    },
  ];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws`);
  const send = (id: number): void =>
    socket.send(JSON.stringify(requests.find((r) => r.id === id)));
  socket.on("message", (data: Buffer) => {
    const text = data.toString("utf8");
    if (text.startsWith('{"type":"quotes.update"'))
      arrivals.quotes.push(performance.now());
    else if (text.startsWith('{"type":"bars.update"'))
      arrivals.bars.push(performance.now());
    else if (text.includes('"status":"error"')) {
      // "Cannot be served right now" (history still loading) is asked again; others are final.
      const id = Number(/"id":(\d+)/.exec(text)?.[1]);
      if (text.includes('"TOPIC_UNAVAILABLE"'))
        setTimeout(() => send(id), RESUBSCRIBE_MS);
      else refused = text;
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  // A survivor closing the socket later shows as missing data, not as a crash of the run.
  socket.on("error", () => undefined);
  for (const r of requests) send(r.id);
  const firstAfter = (kind: "quotes" | "bars", t: number): number | null =>
    arrivals[kind].find((a) => a > t) ?? null;
  return { socket, firstAfter, refused: () => refused };
}

/** A database of its own for the run, on the server `adminUrl` points at. */
async function createDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tw_bench_failover_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
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
  const database = await createDatabase(postgres.url);
  const running: MainInstance[] = [];
  let market: Awaited<ReturnType<typeof marketSocket>> | null = null;
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
    market = await marketSocket(watched.port);
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
    // Whether the survivor's market data comes from the leader: its bus receives while it serves.
    const received = (): Promise<number | null> =>
      watched.metric("tradewire_bus_messages_received_total");
    const busBefore = await received();
    await sleep(1000);
    const busDelta = ((await received()) ?? 0) - (busBefore ?? 0);
    const fromLeader = busDelta > 0;
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
    if (!fromLeader)
      return {
        status: "measured",
        instances: running.length,
        killed: leader.instanceId,
        newLeader: newLeader.instanceId,
        leaderMs,
        quotesMs: null,
        barsMs: null,
        marketNote:
          `not measured: ${watched.instanceId}'s bus received nothing while its socket got quotes, ` +
          "so every instance runs its own market on this branch (no follower path yet)",
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
      marketNote: `${watched.instanceId}'s bus received ${busDelta} messages in the second before`,
      pollMs: POLL_MS,
    };
  } finally {
    market?.socket.terminate();
    await Promise.all(running.map((r) => r.stop()));
    await database.drop();
  }
}
