import { sleep } from "../harness/clock";
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
  readonly heapPerSocketBytes: number;
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
        for (const level of options.levels) {
          await rig.connect({
            sockets: level - open,
            firstSocket: open,
            topicsPerSocket: 1,
            topicCount: TOPICS,
            pauseEvery: 0,
          });
          open = level;
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
            heapPerSocketBytes: (s.heapUsedBytes - base.heapUsedBytes) / level,
          });
        }
      } finally {
        await rig.stop();
      }
      log(`  memory: ${server} repeat ${repeat + 1} done`);
    }
  }
  return points;
}
