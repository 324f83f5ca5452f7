import type {
  LoadRequest,
  LoadStatus,
  WindowResult,
} from "../load/load-protocol";
import type { ServerRequest, ServerSample } from "../servers/bench-server";
import { sleep } from "./clock";
import { coreBusyMicros } from "./core-usage";

/** What a point is measured on: a server (or several seen as one) and a load generator. */
export interface MeasuredRig {
  readonly server: { request(req: ServerRequest): Promise<ServerSample> };
  readonly load: { request(req: LoadRequest): Promise<LoadStatus> };
}

export interface Load {
  /** Updates published per second, round-robin over `topics`. */
  readonly updatesPerSecond: number;
  readonly topics: number;
  /** Publish in ticks of this many ms (all updates due in a tick back to back); 0 or absent: one at a time. */
  readonly tickMs?: number;
}

export interface Timing {
  readonly warmupMs: number;
  readonly windowMs: number;
  /** Quiet time after a point, so queues drain before the next server runs. */
  readonly settleMs: number;
}

/** One measurement window of one server at one publish rate. */
export interface PointResult {
  readonly deliveredPerSecond: number;
  /** Server CPU time per delivered message, microseconds. */
  readonly cpuPerDeliveryMicros: number;
  /** Share of one core the server used over the window (1 = saturated). */
  readonly serverCpuShare: number;
  readonly loadCpuShare: number;
  /**
   * CPU used on the two cores by anything but the server and the load generator (kernel network
   * work included), in cores: high values mean another process competed for the machine.
   */
  readonly otherCpuShare: number;
  /**
   * Share of the window the server's and the load generator's main threads spent runnable but
   * waiting for their core: what other work actually took from the measurement.
   */
  readonly waitShare: number;
  readonly latencyMs: WindowResult["latencyMs"];
  readonly rssBytes: number;
  readonly queuedBytes: number;
  /** Bytes the clients read per delivered message: the frame on the wire, header included. */
  readonly wireBytesPerDelivery: number;
  /** Updates the schedule dropped because the server was more than 50 ms behind. */
  readonly skippedUpdates: number;
  /** CPU of the bus (Redis) per delivered message, microseconds, when the servers use one. */
  readonly busCpuPerDeliveryMicros?: number;
}

/** Publish at `load`, warm up, then measure one window on the server and on the client. */
export async function measurePoint(
  rig: MeasuredRig,
  load: Load,
  timing: Timing,
): Promise<PointResult> {
  await rig.server.request({ cmd: "publish", ...load });
  await sleep(timing.warmupMs);
  const busyBefore = coreBusyMicros();
  const [before] = await Promise.all([
    rig.server.request({ cmd: "sample" }),
    rig.load.request({ cmd: "window-start" }),
  ]);
  await sleep(timing.windowMs);
  const busyAfter = coreBusyMicros();
  const [after, status] = await Promise.all([
    rig.server.request({ cmd: "sample" }),
    rig.load.request({ cmd: "window-end" }),
  ]);
  await rig.server.request({ cmd: "stop-publish" });
  await sleep(timing.settleMs);
  const window = status.window;
  if (!window) throw new Error("the load generator returned no window");
  const seconds = window.durationMs / 1000;
  const cpu = after.cpuMicros - before.cpuMicros;
  const busy =
    (busyAfter[0] ?? 0) +
    (busyAfter[1] ?? 0) -
    (busyBefore[0] ?? 0) -
    (busyBefore[1] ?? 0);
  return {
    deliveredPerSecond: window.received / seconds,
    cpuPerDeliveryMicros: window.received > 0 ? cpu / window.received : NaN,
    wireBytesPerDelivery:
      window.received > 0 ? window.bytesRead / window.received : NaN,
    serverCpuShare: cpu / (seconds * 1e6),
    loadCpuShare: window.cpuMicros / (seconds * 1e6),
    otherCpuShare: Math.max(0, busy - cpu - window.cpuMicros) / (seconds * 1e6),
    waitShare:
      (after.waitMicros - before.waitMicros + window.waitMicros) /
      (seconds * 1e6),
    latencyMs: window.latencyMs,
    rssBytes: after.rssBytes,
    queuedBytes: after.queuedBytes,
    skippedUpdates: after.skipped - before.skipped,
    ...(after.busCpuMicros !== undefined && before.busCpuMicros !== undefined
      ? {
          busCpuPerDeliveryMicros:
            (after.busCpuMicros - before.busCpuMicros) / window.received,
        }
      : {}),
  };
}
