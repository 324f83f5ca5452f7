import type { Load, PointResult, Timing } from "../harness/point";
import { Rig, type SocketPlan } from "../harness/rig";
import type { ServerKind } from "../servers/server-kind";
import { measureClean, type CleanPolicy } from "./clean-point";

/** A subscription pattern of the fan-out scenarios. */
export interface FanoutShape {
  readonly name: string;
  readonly label: string;
  readonly plan: SocketPlan;
  readonly topics: number;
  /** Publish in ticks of this many ms (see PublishSchedule); absent: one update per timer. */
  readonly tickMs?: number;
}

export const FANOUT_SHAPES: readonly FanoutShape[] = [
  {
    name: "one-topic",
    label: "1,000 sockets x 1 topic",
    plan: {
      sockets: 1000,
      firstSocket: 0,
      topicsPerSocket: 1,
      topicCount: 1,
      pauseEvery: 0,
    },
    topics: 1,
  },
  {
    name: "twenty-topics",
    label: "1,000 sockets x 20 of 100 topics (quotes-like)",
    plan: {
      sockets: 1000,
      firstSocket: 0,
      topicsPerSocket: 20,
      topicCount: 100,
      pauseEvery: 0,
    },
    topics: 100,
  },
];

/**
 * The batching scenario: the quotes-like shape published in 100 ms ticks, as a market feed does,
 * so a socket gets several updates per tick (2.5 at 25k deliveries/s, 20 at 200k).
 */
export const BATCHING_SHAPE: FanoutShape = {
  ...(FANOUT_SHAPES[1] as FanoutShape),
  name: "twenty-topics-ticks",
  label: "1,000 sockets x 20 of 100 topics, published in 100 ms ticks",
  tickMs: 100,
};

export function deliveriesPerUpdate(shape: FanoutShape): number {
  return (
    (shape.plan.sockets * shape.plan.topicsPerSocket) / shape.plan.topicCount
  );
}

export interface FanoutOptions {
  /** Offered deliveries per second, rising; the last one is far past saturation. */
  readonly rates: readonly number[];
  readonly servers: readonly ServerKind[];
  /** Servers measured at only some rates (a reference, not a target). */
  readonly partial: Partial<Record<ServerKind, readonly number[]>>;
  readonly repeats: number;
  /** Windows per repeat at the last (overload) rate: saturation is the noisiest figure. */
  readonly overloadWindows: number;
  readonly timing: Timing;
  readonly clean: CleanPolicy;
  /** Extra Node flags for the server processes (`--cpu-prof`). */
  readonly serverFlags: readonly string[];
}

export interface FanoutPoint {
  readonly shape: string;
  readonly server: ServerKind;
  /** Offered deliveries per second. */
  readonly rate: number;
  readonly repeat: number;
  readonly attempts: number;
  /** Another process kept competing for the CPU on every attempt: read with care. */
  readonly contaminated: boolean;
  readonly result: PointResult;
}

/**
 * One shape: every server gets its own pinned process and load generator, all connected up
 * front; then, for each repeat and each rate, the servers are measured one after the other (in an
 * order rotated each time), so slow drifts of the machine hit them all alike.
 */
export async function runFanout(
  shape: FanoutShape,
  options: FanoutOptions,
  log: (line: string) => void,
): Promise<FanoutPoint[]> {
  const rigs = new Map<ServerKind, Rig>();
  try {
    const started = await Promise.allSettled(
      options.servers.map((kind) => Rig.start(kind, options.serverFlags)),
    );
    for (const s of started)
      if (s.status === "fulfilled") rigs.set(s.value.kind, s.value);
    for (const s of started) if (s.status === "rejected") throw s.reason;
    for (const [kind, rig] of rigs) {
      await rig.connect(shape.plan);
      // One warm-up at a mid rate, so the first measured point is not the JIT's.
      await measureClean(rig, loadAt(shape, 50_000), options.timing, {
        ...options.clean,
        maxAttempts: 1,
      });
      log(`  ${shape.name}: ${kind} connected and warmed up`);
    }
    const points: FanoutPoint[] = [];
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      const overload = options.rates[options.rates.length - 1];
      const rounds = options.rates.flatMap((rate) =>
        Array.from(
          { length: rate === overload ? options.overloadWindows : 1 },
          () => rate,
        ),
      );
      for (const [i, rate] of rounds.entries()) {
        const order = rotate(options.servers, repeat + i);
        for (const kind of order) {
          const only = options.partial[kind];
          if (only && !only.includes(rate)) continue;
          const rig = rigs.get(kind) as Rig;
          const clean = await measureClean(
            rig,
            loadAt(shape, rate),
            options.timing,
            options.clean,
          );
          points.push({
            shape: shape.name,
            server: kind,
            rate,
            repeat,
            ...clean,
          });
        }
      }
      log(`  ${shape.name}: repeat ${repeat + 1} of ${options.repeats} done`);
    }
    return points;
  } finally {
    await Promise.all([...rigs.values()].map((r) => r.stop()));
  }
}

export function loadAt(shape: FanoutShape, deliveriesPerSecond: number): Load {
  return {
    updatesPerSecond: deliveriesPerSecond / deliveriesPerUpdate(shape),
    topics: shape.topics,
    ...(shape.tickMs ? { tickMs: shape.tickMs } : {}),
  };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
