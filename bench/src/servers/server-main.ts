import { serveIpc } from "../harness/ipc";
import { runQueueWaitMicros } from "../harness/schedstat";
import { quoteData, symbolOf } from "../harness/quote-shape";
import { PublishSchedule } from "../harness/schedule";
import type { BenchServer, ServerRequest, ServerSample } from "./bench-server";
import { rawWsServer } from "./raw-ws";
import type { ServerKind } from "./server-kind";
import { SocketIoServer } from "./socketio";
import { TradewireServer } from "./tradewire";
import { wsJsonServer } from "./ws-json";

/** Entry of a server process: `server-main.ts <kind>`; the orchestrator drives it over IPC. */
function build(kind: ServerKind): BenchServer {
  switch (kind) {
    case "raw-ws":
      return rawWsServer();
    case "ws-json":
      return wsJsonServer();
    case "socketio":
      return new SocketIoServer();
    case "tradewire":
      return new TradewireServer();
  }
}

const kind = process.argv[2] as ServerKind;
const server = build(kind);
// Symbols are formatted once: the schedule's cost must not differ between servers.
const symbols = Array.from({ length: 1000 }, (_, i) => symbolOf(i));
let counter = 0;
const schedule = new PublishSchedule((topic, scheduledMs) => {
  counter += 1;
  server.publish(
    topic,
    quoteData(symbols[topic] as string, counter, scheduledMs),
  );
});
const port = await server.listen();

function sample(): ServerSample {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    port,
    cpuMicros: cpu.user + cpu.system,
    waitMicros: runQueueWaitMicros(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    published: schedule.published,
    skipped: schedule.skipped,
    queuedBytes: server.queuedBytes(),
    sockets: server.sockets(),
  };
}

const gc = (globalThis as { gc?: () => void }).gc;

serveIpc<ServerRequest, ServerSample>(async (req) => {
  switch (req.cmd) {
    case "publish":
      schedule.start(req.updatesPerSecond, req.topics);
      return sample();
    case "stop-publish":
      schedule.stop();
      return sample();
    case "sample":
      if (req.gc && gc) {
        // Two full collections, a pause between: what is left is what the sockets hold.
        gc();
        await new Promise((resolve) => setTimeout(resolve, 50));
        gc();
      }
      return sample();
    case "close":
      schedule.stop();
      await server.close();
      setTimeout(() => process.exit(0), 10);
      return sample();
  }
});
