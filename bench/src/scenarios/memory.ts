import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleep } from "../harness/clock";
import {
  heapGrowth,
  heapKinds,
  type HeapKind,
} from "../harness/heap-breakdown";
import { Rig } from "../harness/rig";
import type { ServerKind } from "../servers/server-kind";

export interface MemoryOptions {
  readonly levels: readonly number[];
  readonly servers: readonly ServerKind[];
  readonly repeats: number;
}

export interface MemoryPoint {
  readonly server: ServerKind;
  readonly sockets: number;
  readonly repeat: number;
  readonly rssBytes: number;
  readonly baseRssBytes: number;
  readonly heapUsedBytes: number;
  readonly baseHeapUsedBytes: number;
  /** (RSS with the sockets − RSS before any socket) / sockets, after two full GCs each time. */
  readonly rssPerSocketBytes: number;
  /**
   * RSS added per socket since the previous level (from no socket at the first): what one more
   * socket costs, without the one-time costs of the first connections (code compiled for the
   * upgrade path, heap and allocator high-water marks) that the figure above spreads over them.
   */
  readonly marginalRssPerSocketBytes: number;
  readonly heapPerSocketBytes: number;
  /** V8 heap committed per socket (live objects and free space the heap keeps). */
  readonly heapCommittedPerSocketBytes: number;
}

/** Sockets of the memory scenario are spread over this many topics, one each, never published. */
const TOPICS = 100;

/**
 * RSS per idle subscribed socket: a fresh server per repeat, measured after full GCs before any
 * socket, then at each level as sockets are added (1k, then 4k more, then 5k more).
 */
export async function runMemory(
  options: MemoryOptions,
  log: (line: string) => void,
): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const server of options.servers) {
      const rig = await Rig.start(server);
      try {
        const base = await rig.server.request({ cmd: "sample", gc: true });
        let open = 0;
        let prevRss = base.rssBytes;
        for (const level of options.levels) {
          await rig.connect({
            sockets: level - open,
            firstSocket: open,
            topicsPerSocket: 1,
            topicCount: TOPICS,
            pauseEvery: 0,
          });
          await sleep(200);
          const s = await rig.server.request({ cmd: "sample", gc: true });
          if (s.sockets !== level)
            throw new Error(
              `${server}: ${s.sockets} sockets open, expected ${level}`,
            );
          points.push({
            server,
            sockets: level,
            repeat,
            rssBytes: s.rssBytes,
            baseRssBytes: base.rssBytes,
            heapUsedBytes: s.heapUsedBytes,
            baseHeapUsedBytes: base.heapUsedBytes,
            rssPerSocketBytes: (s.rssBytes - base.rssBytes) / level,
            marginalRssPerSocketBytes: (s.rssBytes - prevRss) / (level - open),
            heapPerSocketBytes: (s.heapUsedBytes - base.heapUsedBytes) / level,
            heapCommittedPerSocketBytes:
              ((s.heapTotalBytes ?? 0) - (base.heapTotalBytes ?? 0)) / level,
          });
          open = level;
          prevRss = s.rssBytes;
        }
      } finally {
        await rig.stop();
      }
      log(`  memory: ${server} repeat ${repeat + 1} done`);
    }
  }
  return points;
}

/** One server's heap per idle subscribed socket, by kind of object (see heap-breakdown.ts). */
export interface HeapBreakdown {
  readonly server: ServerKind;
  readonly sockets: number;
  readonly kinds: readonly HeapKind[];
}

/**
 * Heap snapshots of a fresh server before any socket and with `sockets` idle subscribed ones,
 * after full GCs: what each socket adds, per kind of object. Taken on a server of its own, after
 * the RSS figures, since writing a snapshot grows the process.
 */
export async function runHeapBreakdown(
  servers: readonly ServerKind[],
  sockets: number,
  log: (line: string) => void,
): Promise<HeapBreakdown[]> {
  const out: HeapBreakdown[] = [];
  const dir = mkdtempSync(join(tmpdir(), "tradewire-heap-"));
  try {
    for (const server of servers) {
      const rig = await Rig.start(server);
      try {
        const path = (n: number) => join(dir, `${server}-${n}.heapsnapshot`);
        await rig.server.request({ cmd: "heap-snapshot", path: path(0) });
        await rig.connect({
          sockets,
          firstSocket: 0,
          topicsPerSocket: 1,
          topicCount: TOPICS,
          pauseEvery: 0,
        });
        await sleep(200);
        await rig.server.request({ cmd: "heap-snapshot", path: path(sockets) });
        const kinds = heapGrowth(
          heapKinds(path(0)),
          heapKinds(path(sockets)),
          sockets,
        );
        out.push({ server, sockets, kinds });
      } finally {
        await rig.stop();
      }
      log(`  memory: ${server} heap breakdown done`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
