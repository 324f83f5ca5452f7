import { DAY_S, type HistoryJob } from "@tradewire/client";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { spawnPinned, stopChild } from "../harness/child";
import { SERVER_CORE } from "../harness/rig";
import { quantiles, type Quantiles } from "../harness/stats";
import type {
  JobsServerInfo,
  JobsServerReply,
  JobsServerRequest,
  LoopDelay,
} from "../servers/jobs-main";

const ENTRY = fileURLToPath(
  new URL("../servers/jobs-main.ts", import.meta.url),
);

/** The ten symbols with the most minutes: crypto (24x7), FX (24x5) and one stock. */
const SYMBOLS = [
  "BTCUSD",
  "ETHUSD",
  "SOLUSD",
  "EURUSD",
  "GBPUSD",
  "USDJPY",
  "AUDUSD",
  "USDCHF",
  "USDCAD",
  "AAPL",
];
/** Gap between one pong and the next ping. */
const PING_GAP_MS = 10;

export interface JobsOptions {
  readonly backfillDays: number;
  readonly idleMs: number;
}

export interface JobsPhase {
  readonly pingMs: Quantiles;
  readonly pings: number;
  readonly loop: LoopDelay;
}

export type JobsResult =
  | {
      readonly status: "ok";
      readonly backfillDays: number;
      readonly backfillMs: number;
      readonly storedBars: number;
      readonly jobBars: number;
      readonly jobSeconds: number;
      readonly barsPerSecond: number;
      readonly bytes: number;
      readonly progressUpdates: number;
      readonly idle: JobsPhase;
      readonly during: JobsPhase;
    }
  | { readonly status: "skipped"; readonly reason: string };

/**
 * A 1-minute CSV job over the whole backfill for ten symbols, on the real app: its throughput
 * (bars/s from `running` to `completed` as the `jobs` channel reports them), and the socket's
 * ping round trip and the server's event-loop delay during the job against the same socket idle
 * just before.
 */
export async function runJobs(
  options: JobsOptions,
  log: (line: string) => void,
): Promise<JobsResult> {
  const server = spawnPinned<JobsServerRequest, JobsServerReply>(
    ENTRY,
    [String(options.backfillDays)],
    { core: SERVER_CORE },
  );
  try {
    await server.ready;
    const info = (await server.request({ cmd: "info" })) as JobsServerInfo;
    log(
      `  jobs: ${info.bars} bars stored in ${(info.backfillMs / 1000).toFixed(1)} s`,
    );
    const base = `http://127.0.0.1:${info.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "alice", password: "demo1234" }),
    });
    const { token } = (await login.json()) as { token: string };
    // Each symbol's first read loads its in-memory tail (HISTORY_CACHE_MINUTES) in one query,
    // for a chart as for a job: done here, so the figures are the job's own.
    const now = Math.floor(Date.now() / 1000);
    for (const symbol of SYMBOLS)
      await fetch(
        `${base}/api/v1/datafeed/bars?symbol=${symbol}&resolution=1D&from=${now - 2 * DAY_S}&to=${now}`,
      );
    const socket = await JobSocket.open(
      `ws://127.0.0.1:${info.port}/api/v1/ws?token=${token}`,
    );
    await server.request({ cmd: "loop" });
    const idlePings = await socket.pingFor(() => false, options.idleMs);
    const idle: JobsPhase = {
      ...idlePings,
      loop: (await server.request({ cmd: "loop" })) as LoopDelay,
    };

    const res = await fetch(`${base}/api/v1/history/jobs`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        symbols: SYMBOLS,
        resolution: "1",
        from: now - (options.backfillDays + 1) * DAY_S,
        to: now,
        format: "csv",
      }),
    });
    const created = (await res.json()) as HistoryJob;
    if (res.status !== 202)
      throw new Error(`job refused: ${res.status} ${JSON.stringify(created)}`);
    const busyPings = await socket.pingFor(
      () => socket.ended(created.id) !== null,
      30 * 60_000,
    );
    const during: JobsPhase = {
      ...busyPings,
      loop: (await server.request({ cmd: "loop" })) as LoopDelay,
    };
    const done = socket.ended(created.id) as HistoryJob;
    if (done.status !== "completed")
      throw new Error(`job ${done.status}: ${JSON.stringify(done.error)}`);
    const started = socket.runningAt.get(created.id) ?? socket.openedAt;
    const finished = socket.endedAt.get(created.id) ?? performance.now();
    const jobSeconds = (finished - started) / 1000;
    socket.close();
    return {
      status: "ok",
      backfillDays: options.backfillDays,
      backfillMs: info.backfillMs,
      storedBars: info.bars,
      jobBars: done.barsDone,
      jobSeconds,
      barsPerSecond: done.barsDone / jobSeconds,
      bytes: done.bytes ?? 0,
      progressUpdates: socket.updates.get(created.id) ?? 0,
      idle,
      during,
    };
  } catch (err) {
    log(`  jobs: failed: ${String(err)}`);
    return { status: "skipped", reason: `failed: ${String(err)}` };
  } finally {
    await server.request({ cmd: "close" }).catch(() => undefined);
    await stopChild(server.child, 10_000);
  }
}

/** One socket subscribed to `jobs` that pings back to back and notes each job's updates. */
class JobSocket {
  readonly runningAt = new Map<string, number>();
  readonly endedAt = new Map<string, number>();
  readonly updates = new Map<string, number>();
  readonly openedAt = performance.now();
  private readonly endedJobs = new Map<string, HistoryJob>();
  private pong: ((id: number) => void) | null = null;
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const frame = JSON.parse(data.toString("utf8")) as {
        type: string;
        id?: number;
        payload: { payload?: HistoryJob };
      };
      if (frame.type === "pong") this.pong?.(frame.id ?? 0);
      if (frame.type !== "jobs.update" || !frame.payload.payload) return;
      const job = frame.payload.payload;
      const at = performance.now();
      this.updates.set(job.id, (this.updates.get(job.id) ?? 0) + 1);
      if (job.status === "running" && !this.runningAt.has(job.id))
        this.runningAt.set(job.id, at);
      if (["completed", "failed", "cancelled"].includes(job.status)) {
        this.endedJobs.set(job.id, job);
        this.endedAt.set(job.id, at);
      }
    });
  }

  static async open(url: string): Promise<JobSocket> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const socket = new JobSocket(ws);
    ws.send(JSON.stringify({ type: "jobs.subscribe", id: 0, payload: {} }));
    return socket;
  }

  ended(id: string): HistoryJob | null {
    return this.endedJobs.get(id) ?? null;
  }

  /** Ping round trips until `stop` holds or `maxMs` passed. */
  async pingFor(
    stop: () => boolean,
    maxMs: number,
  ): Promise<{ pingMs: Quantiles; pings: number }> {
    const times: number[] = [];
    const deadline = performance.now() + maxMs;
    while (!stop() && performance.now() < deadline) {
      const id = this.nextId++;
      const sent = performance.now();
      await new Promise<void>((resolve) => {
        this.pong = (got) => {
          if (got === id) resolve();
        };
        this.ws.send(JSON.stringify({ type: "ping", id, payload: { t: 1 } }));
      });
      times.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, PING_GAP_MS));
    }
    return { pingMs: quantiles(Float64Array.from(times)), pings: times.length };
  }

  close(): void {
    this.ws.close();
  }
}
