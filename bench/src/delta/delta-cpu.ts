import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { QuoteData } from "@tradewire/client";
import { spawnPinned, stopChild } from "../harness/child";
import type { PointResult, Timing } from "../harness/point";
import { LOAD_CORE, SERVER_CORE } from "../harness/rig";
import type { LoadRequest, LoadStatus } from "../load/load-protocol";
import { measureClean, type CleanPolicy } from "../scenarios/clean-point";
import { FANOUT_SHAPES, loadAt } from "../scenarios/fanout";
import type { ServerRequest, ServerSample } from "../servers/bench-server";
import type { RecordedTopic } from "./record";
import type { PublishForm } from "./recorded-quotes";

const SERVER_ENTRY = fileURLToPath(new URL("./delta-main.ts", import.meta.url));
const LOAD_ENTRY = fileURLToPath(
  new URL("../load/client-worker.ts", import.meta.url),
);
/** 1,000 sockets x 20 of 100 topics: the quotes-like shape of the fan-out scenario. */
const SHAPE = FANOUT_SHAPES[1] as (typeof FANOUT_SHAPES)[number];

export interface DeltaCpuOptions {
  readonly rates: readonly number[];
  readonly repeats: number;
  readonly timing: Timing;
  readonly clean: CleanPolicy;
}

export interface DeltaCpuPoint {
  readonly form: PublishForm;
  readonly rate: number;
  readonly repeat: number;
  readonly contaminated: boolean;
  readonly result: PointResult;
}

interface FormRig {
  readonly form: PublishForm;
  readonly server: ReturnType<typeof spawnPinned<ServerRequest, ServerSample>>;
  readonly load: ReturnType<typeof spawnPinned<LoadRequest, LoadStatus>>;
}

/**
 * The real Tradewire server publishing the recorded stream whole, and another publishing it as
 * deltas, each with its own pinned load generator; measured alternately at each rate.
 */
export async function runDeltaCpu(
  topics: readonly RecordedTopic[],
  recordingPath: string,
  options: DeltaCpuOptions,
  log: (line: string) => void,
): Promise<DeltaCpuPoint[]> {
  const streams = topics.map((t) =>
    t.frames.map(
      (f) =>
        (JSON.parse(f) as { payload: { payload: QuoteData } }).payload.payload
          .v,
    ),
  );
  // bench/results/ does not exist on a fresh clone until the first run writes its results.
  mkdirSync(dirname(recordingPath), { recursive: true });
  writeFileSync(recordingPath, JSON.stringify(streams));
  const rigs: FormRig[] = (["full", "delta"] as const).map((form) => ({
    form,
    server: spawnPinned<ServerRequest, ServerSample>(
      SERVER_ENTRY,
      [form, recordingPath],
      { core: SERVER_CORE, nodeFlags: ["--expose-gc"] },
    ),
    load: spawnPinned<LoadRequest, LoadStatus>(LOAD_ENTRY, [], {
      core: LOAD_CORE,
    }),
  }));
  try {
    for (const rig of rigs) await connect(rig, log);
    const points: DeltaCpuPoint[] = [];
    for (let repeat = 0; repeat < options.repeats; repeat++)
      for (const [i, rate] of options.rates.entries()) {
        const order = (repeat + i) % 2 === 0 ? rigs : [...rigs].reverse();
        for (const rig of order) {
          const clean = await measureClean(
            rig,
            loadAt(SHAPE, rate),
            options.timing,
            options.clean,
          );
          points.push({ form: rig.form, rate, repeat, ...clean });
        }
      }
    return points;
  } finally {
    for (const rig of rigs) {
      await Promise.allSettled([
        rig.load.request({ cmd: "close" }),
        rig.server.request({ cmd: "close" }),
      ]);
      await Promise.all([
        stopChild(rig.load.child),
        stopChild(rig.server.child),
      ]);
    }
  }
}

async function connect(
  rig: FormRig,
  log: (line: string) => void,
): Promise<void> {
  await Promise.all([rig.server.ready, rig.load.ready]);
  const { port } = await rig.server.request({ cmd: "sample" });
  const status = await rig.load.request({
    cmd: "connect",
    url: `ws://127.0.0.1:${port}/api/v1/ws`,
    protocol: "tradewire",
    ...SHAPE.plan,
  });
  if (status.failed > 0)
    throw new Error(`delta ${rig.form}: ${status.failed} sockets failed`);
  // One unmeasured window, so the first measured one is not the JIT's.
  await measureClean(
    rig,
    loadAt(SHAPE, 50_000),
    { warmupMs: 500, windowMs: 1500, settleMs: 250 },
    {
      maxWait: 1,
      maxAttempts: 1,
      pauseMs: 0,
      budget: { remainingMs: 0 },
    },
  );
  log(`  delta: ${rig.form} server connected and warmed up`);
}
