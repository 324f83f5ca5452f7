import type { PointResult } from "../harness/point";
import { spread, type Spread } from "../harness/stats";
import type { FanoutPoint } from "../scenarios/fanout";
import type { ServerKind } from "../servers/server-kind";

/** The repeated windows of one server at one rate of one shape. */
export function windows(
  points: readonly FanoutPoint[],
  shape: string,
  server: ServerKind,
  rate?: number,
): FanoutPoint[] {
  return points.filter(
    (p) =>
      p.shape === shape &&
      p.server === server &&
      (rate === undefined || p.rate === rate),
  );
}

export function spreadOf(
  points: readonly FanoutPoint[],
  pick: (r: PointResult) => number,
): Spread {
  return spread(points.map((p) => pick(p.result)));
}

/** Throughput at saturation: the median delivered rate over every window at the overload rate. */
export function saturation(
  points: readonly FanoutPoint[],
  shape: string,
  server: ServerKind,
  overloadRate: number,
): Spread {
  return spreadOf(
    windows(points, shape, server, overloadRate),
    (r) => r.deliveredPerSecond,
  );
}

/**
 * Server CPU per delivery over every window below the overload rate: the same windows for every
 * server, so the fixed costs (timers, the schedule) weigh on each alike.
 */
export function cpuPerDelivery(
  points: readonly FanoutPoint[],
  shape: string,
  server: ServerKind,
  belowRate: number,
): Spread {
  return spreadOf(
    windows(points, shape, server).filter((p) => p.rate < belowRate),
    (r) => r.cpuPerDeliveryMicros,
  );
}
