import type { Quantiles } from "../harness/stats";
import { sleep } from "../harness/clock";
import { Rig, type SocketPlan } from "../harness/rig";
import type { ServerKind } from "../servers/server-kind";

export interface SlowConsumerOptions {
  readonly servers: readonly ServerKind[];
  readonly plan: SocketPlan;
  readonly deliveriesPerSecond: number;
  /** Publishing before the window: long enough for the paused sockets' kernel buffers to fill. */
  readonly fillMs: number;
  readonly windowMs: number;
}

export interface SlowConsumerPoint {
  readonly server: ServerKind;
  /** Updates per second received by the sockets that keep reading. */
  readonly readersDeliveredPerSecond: number;
  readonly readersLatencyMs: Quantiles;
  readonly baseRssBytes: number;
  readonly rssBytes: number;
  /** Bytes the server holds for its sockets beyond what the kernel took, at the end. */
  readonly queuedBytes: number;
}

/**
 * Every tenth socket stops reading once subscribed. Loopback kernel buffers take a few MB per
 * socket before a server holds anything itself, so the sockets here are few and each carries a
 * lot, to reach that point within the run: then raw `ws` and Socket.IO queue without bound, while
 * Tradewire conflates quotes to the newest per symbol.
 */
export async function runSlowConsumer(
  options: SlowConsumerOptions,
  log: (line: string) => void,
): Promise<SlowConsumerPoint[]> {
  const perUpdate =
    (options.plan.sockets * options.plan.topicsPerSocket) /
    options.plan.topicCount;
  const points: SlowConsumerPoint[] = [];
  for (const server of options.servers) {
    const rig = await Rig.start(server);
    try {
      await rig.connect(options.plan);
      const base = await rig.server.request({ cmd: "sample", gc: true });
      await rig.server.request({
        cmd: "publish",
        updatesPerSecond: options.deliveriesPerSecond / perUpdate,
        topics: options.plan.topicCount,
      });
      await sleep(options.fillMs);
      await rig.load.request({ cmd: "window-start" });
      await sleep(options.windowMs);
      const status = await rig.load.request({ cmd: "window-end" });
      const end = await rig.server.request({ cmd: "sample", gc: true });
      await rig.server.request({ cmd: "stop-publish" });
      const window = status.window;
      if (!window) throw new Error("the load generator returned no window");
      points.push({
        server,
        readersDeliveredPerSecond: window.received / (window.durationMs / 1000),
        readersLatencyMs: window.latencyMs,
        baseRssBytes: base.rssBytes,
        rssBytes: end.rssBytes,
        queuedBytes: end.queuedBytes,
      });
    } finally {
      await rig.stop();
    }
    log(`  slow consumer: ${server} done`);
  }
  return points;
}
