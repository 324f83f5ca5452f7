import { ClusterRig } from "../harness/cluster-rig";
import type { PointResult, Timing } from "../harness/point";
import { probeRedis } from "../harness/redis-info";
import { Rig } from "../harness/rig";
import { measureClean, type CleanPolicy } from "./clean-point";
import { FANOUT_SHAPES, loadAt, type FanoutShape } from "./fanout";

/** The fan-out shape both setups serve: 1,000 sockets x 20 of 100 topics. */
export const SCALEOUT_SHAPE = FANOUT_SHAPES.find(
  (s) => s.name === "twenty-topics",
) as FanoutShape;

/**
 * `single`: one instance, the schedule publishing in-process. `bus`: one instance behind the
 * Redis bus (what the bus hop alone costs). `cluster`: the instances behind the bus.
 */
export const SCALEOUT_SETUPS = ["single", "bus", "cluster"] as const;
export type ScaleOutSetup = (typeof SCALEOUT_SETUPS)[number];

export interface ScaleOutOptions {
  readonly instances: number;
  /** Offered deliveries per second. */
  readonly rates: readonly number[];
  readonly repeats: number;
  readonly timing: Timing;
  readonly clean: CleanPolicy;
  readonly serverFlags: readonly string[];
}

export interface ScaleOutPoint {
  readonly setup: ScaleOutSetup;
  readonly rate: number;
  readonly repeat: number;
  readonly attempts: number;
  readonly contaminated: boolean;
  readonly result: PointResult;
}

export type ScaleOutResult =
  | { readonly status: "skipped"; readonly reason: string }
  | {
      readonly status: "measured";
      readonly instances: number;
      readonly socketsPerInstance: readonly number[];
      readonly points: readonly ScaleOutPoint[];
    };

/** REDIS_URL, else the machine's Redis when it answers. */
export function redisUrl(): { url: string; source: string } {
  return process.env.REDIS_URL
    ? { url: process.env.REDIS_URL, source: "REDIS_URL" }
    : { url: "redis://127.0.0.1:6379", source: "the default URL" };
}

/** Null when Redis answers, else why the scenario cannot run. */
export async function clusterUnavailable(
  url: string,
  source: string,
): Promise<string | null> {
  try {
    await probeRedis(url);
  } catch (err) {
    return `${source} (${url.replace(/\/\/[^@/]*@/, "//…@")}) did not answer: ${String(err)}`;
  }
  return null;
}

/**
 * The same fan-out served by one Tradewire instance (the schedule publishes in-process), by one
 * instance behind the Redis bus, and by `instances` instances behind it (the schedule in instance
 * 0 publishes each update once on the bus; each instance subscribes to the topics its sockets
 * hold). All run side by side, connected up front, and are measured one after the other at each
 * rate, in an order rotated each time.
 */
export async function runScaleOut(
  options: ScaleOutOptions,
  log: (line: string) => void,
): Promise<ScaleOutResult> {
  const { url, source } = redisUrl();
  const reason = await clusterUnavailable(url, source);
  if (reason) return { status: "skipped", reason };
  const started = await Promise.allSettled([
    Rig.start("tradewire", options.serverFlags),
    ClusterRig.start(1, url, options.serverFlags),
    ClusterRig.start(options.instances, url, options.serverFlags),
  ]);
  const running = started.flatMap((s) =>
    s.status === "fulfilled" ? [s.value] : [],
  );
  try {
    for (const s of started) if (s.status === "rejected") throw s.reason;
    const [single, bus, cluster] = running as [Rig, ClusterRig, ClusterRig];
    const rigs = { single, bus, cluster };
    const shape = SCALEOUT_SHAPE;
    for (const setup of SCALEOUT_SETUPS) {
      await rigs[setup].connect(shape.plan);
      // One warm-up, so the first measured point is not the JIT's.
      await measureClean(rigs[setup], loadAt(shape, 40_000), options.timing, {
        ...options.clean,
        maxAttempts: 1,
      });
      log(`  scale-out: ${setup} connected and warmed up`);
    }
    const socketsPerInstance = await cluster.socketsPerInstance();
    const points: ScaleOutPoint[] = [];
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (const [i, rate] of options.rates.entries()) {
        for (const setup of rotate(SCALEOUT_SETUPS, repeat + i)) {
          const clean = await measureClean(
            rigs[setup],
            loadAt(shape, rate),
            options.timing,
            options.clean,
          );
          points.push({ setup, rate, repeat, ...clean });
        }
      }
      log(`  scale-out: repeat ${repeat + 1} of ${options.repeats} done`);
    }
    return {
      status: "measured",
      instances: options.instances,
      socketsPerInstance,
      points,
    };
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
