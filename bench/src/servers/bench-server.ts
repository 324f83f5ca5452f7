import type { Server } from "node:http";
import type { QuoteData } from "@tradewire/client";

/** What the server process needs of each implementation under test. */
export interface BenchServer {
  /** Listen on a free loopback port; returns the port. */
  listen(): Promise<number>;
  /** Publish one update on topic `topic` (the index of its symbol) to that topic's subscribers. */
  publish(topic: number, data: QuoteData): void;
  /** Bytes accepted by the server but not yet handed to the kernel, over all sockets. */
  queuedBytes(): number;
  sockets(): number;
  close(): Promise<void>;
}

/** Orchestrator to server process. */
export type ServerRequest =
  | {
      readonly cmd: "publish";
      readonly updatesPerSecond: number;
      readonly topics: number;
      readonly tickMs?: number;
    }
  | { readonly cmd: "stop-publish" }
  | { readonly cmd: "sample"; readonly gc?: boolean }
  /** Full GCs, then a V8 heap snapshot written to `path` (the memory breakdown). */
  | { readonly cmd: "heap-snapshot"; readonly path: string }
  | { readonly cmd: "close" };

/** A reading of the server process, taken at one instant. */
export interface ServerSample {
  readonly port: number;
  /** User plus system CPU time of the whole process since it started, microseconds. */
  readonly cpuMicros: number;
  /** Time the main thread waited for the CPU since start, microseconds. */
  readonly waitMicros: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** V8 heap committed (used or free), whose free part still counts in RSS. */
  readonly heapTotalBytes?: number;
  readonly published: number;
  readonly skipped: number;
  readonly queuedBytes: number;
  readonly sockets: number;
  /** CPU time of the bus server (Redis) since it started, microseconds, when there is one. */
  readonly busCpuMicros?: number;
}

/** Listen on a free loopback port with a backlog for thousands of connects; resolves the port. */
export function listenOnLoopback(http: Server): Promise<number> {
  return new Promise((resolve) => {
    http.listen(0, "127.0.0.1", 2048, () => {
      const address = http.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}
