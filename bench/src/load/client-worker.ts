import { monoMs } from "../harness/clock";
import { serveIpc } from "../harness/ipc";
import { runQueueWaitMicros } from "../harness/schedstat";
import { symbolOf } from "../harness/quote-shape";
import { quantiles, SampleBuffer } from "../harness/stats";
import {
  topicsOf,
  type ConnectPlan,
  type LoadRequest,
  type LoadStatus,
  type WindowResult,
} from "./load-protocol";
import { wireBytesRead, type LightSocket } from "./light-socket";
import { openClient } from "./wire-client";

/**
 * Entry of a load generator process: opens the planned sockets, subscribes them and records the
 * latency of every update between `window-start` and `window-end`. It holds no timers of its
 * own, so it stops with its parent.
 */

/** Handshakes in flight at once: more would overflow the server's accept backlog. */
const CONNECT_CONCURRENCY = 200;

const sockets: LightSocket[] = [];
const latencies = new SampleBuffer();
let recording = false;
let received = 0;
let failed = 0;
let subscribed = 0;
let windowStart = 0;
let cpuStart = 0;
let waitStart = 0;
let bytesStart = 0;

function onUpdate(stampMs: number): void {
  if (!recording) return;
  received += 1;
  latencies.add(monoMs() - stampMs);
}

/** Paused sockets still count as subscribed, but their updates are never read. */
async function connect(plan: ConnectPlan): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.sockets) {
      const socket = plan.firstSocket + next++;
      const symbols = topicsOf(socket, plan).map(symbolOf);
      try {
        const client = await openClient(
          plan.url,
          plan.protocol,
          symbols,
          onUpdate,
          { subprotocol: plan.subprotocol, deflate: plan.deflate },
        );
        if (
          plan.pauseEvery > 0 &&
          socket % plan.pauseEvery === plan.pauseEvery - 1
        )
          client.pause();
        sockets.push(client);
        subscribed += symbols.length;
      } catch (err) {
        failed += 1;
        if (failed <= 3)
          console.error(`load: socket ${socket}: ${String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return c.user + c.system;
}

function status(window: WindowResult | null = null): LoadStatus {
  return { open: sockets.length, subscribed, failed, window };
}

serveIpc<LoadRequest, LoadStatus>(async (req) => {
  switch (req.cmd) {
    case "connect":
      await connect(req);
      return status();
    case "window-start":
      latencies.clear();
      received = 0;
      windowStart = monoMs();
      cpuStart = cpuNow();
      waitStart = runQueueWaitMicros();
      bytesStart = wireBytesRead();
      recording = true;
      return status();
    case "window-end": {
      recording = false;
      return status({
        durationMs: monoMs() - windowStart,
        received,
        latencyMs: quantiles(latencies.view()),
        cpuMicros: cpuNow() - cpuStart,
        waitMicros: runQueueWaitMicros() - waitStart,
        bytesRead: wireBytesRead() - bytesStart,
      });
    }
    case "close":
      for (const socket of sockets) socket.destroy();
      setTimeout(() => process.exit(0), 10);
      return status();
  }
});
