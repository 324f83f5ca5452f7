import { writeHeapSnapshot } from "node:v8";
import { serveIpc } from "../harness/ipc";
import { quoteData, symbolOf } from "../harness/quote-shape";
import { PublishSchedule } from "../harness/schedule";
import { runQueueWaitMicros } from "../harness/schedstat";
import type { QuoteData } from "@tradewire/client";
import type { BenchServer, ServerRequest, ServerSample } from "./bench-server";

/** Where the schedule's updates go: the server itself, or a bus the servers listen on. */
export type PublishUpdate = (topic: number, data: QuoteData) => void;

/**
 * The body of a server process: listen, then answer the orchestrator's requests over IPC
 * (publish at a rate, stop, sample the process, close). Shared by every server entry so the
 * schedule and the sampling cost the same whatever is measured.
 */
export async function serveBench(
  server: BenchServer,
  publish: PublishUpdate = (topic, data) => server.publish(topic, data),
): Promise<void> {
  // Symbols are formatted once: the schedule's cost must not differ between servers.
  const symbols = Array.from({ length: 1000 }, (_, i) => symbolOf(i));
  let counter = 0;
  const schedule = new PublishSchedule((topic, scheduledMs) => {
    counter += 1;
    publish(topic, quoteData(symbols[topic] as string, counter, scheduledMs));
  });
  const port = await server.listen();

  const sample = (): ServerSample => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      port,
      cpuMicros: cpu.user + cpu.system,
      waitMicros: runQueueWaitMicros(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      published: schedule.published,
      skipped: schedule.skipped,
      queuedBytes: server.queuedBytes(),
      sockets: server.sockets(),
    };
  };

  const gc = (globalThis as { gc?: () => void }).gc;

  serveIpc<ServerRequest, ServerSample>(async (req) => {
    switch (req.cmd) {
      case "publish":
        schedule.start(req.updatesPerSecond, req.topics, req.tickMs);
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
      case "heap-snapshot":
        if (gc) gc();
        writeHeapSnapshot(req.path);
        return sample();
      case "close":
        schedule.stop();
        await server.close();
        setTimeout(() => process.exit(0), 10);
        return sample();
    }
  });
}
