import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { spawnPinned, stopChild } from "../harness/child";
import { sleep } from "../harness/clock";
import { SERVER_CORE } from "../harness/rig";
import type {
  AnalyticsRequest,
  AnalyticsServerInfo,
  ReplayResult,
} from "../servers/analytics-main";

const ENTRY = fileURLToPath(
  new URL("../servers/analytics-main.ts", import.meta.url),
);

/** Several symbols of each class; at the server's Wednesday 15:00 UTC every one of them trades. */
export const DELTA_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  crypto: ["BTCUSD", "ETHUSD", "SOLUSD"],
  fx: ["EURUSD", "USDJPY", "GBPUSD"],
  stock: ["AAPL", "MSFT", "TSLA"],
  futures: ["ESZ6", "NQZ6"],
};

/** The `quotes.update` frames of one one-symbol topic, as the socket received them. */
export interface RecordedTopic {
  readonly symbol: string;
  readonly kind: string;
  /** The first is the subscribe snapshot, then every update in order. */
  readonly frames: string[];
}

/**
 * Records the real datafeed's quotes: the app `make dev` runs on a clock moved tick by tick
 * (`analytics-main.ts`), one real socket subscribed to one quotes topic per symbol, `ms` of
 * market replayed at the feed's own tick (`MARKET_TICK_MS`, 250 ms).
 */
export async function recordQuotes(
  ms: number,
  tickMs = 250,
): Promise<RecordedTopic[]> {
  const kinds = Object.entries(DELTA_SYMBOLS).flatMap(([kind, symbols]) =>
    symbols.map((symbol) => ({ kind, symbol })),
  );
  const server = spawnPinned<
    AnalyticsRequest,
    AnalyticsServerInfo | ReplayResult
  >(ENTRY, [kinds.map((k) => k.symbol).join(","), "1"], {
    core: SERVER_CORE,
  });
  try {
    await server.ready;
    const { port } = (await server.request({
      cmd: "info",
    })) as AnalyticsServerInfo;
    const topics = kinds.map((k) => ({ ...k, frames: [] as string[] }));
    const socket = await subscribeAll(port, topics);
    await server.request({ cmd: "replay", ms, stepMs: tickMs });
    // The last tick's frames are on their way over loopback.
    await sleep(500);
    socket.close();
    return topics;
  } finally {
    await server.request({ cmd: "close" }).catch(() => undefined);
    await stopChild(server.child, 10_000);
  }
}

/** One socket, one quotes topic per symbol; resolves when every snapshot has arrived. */
async function subscribeAll(
  port: number,
  topics: RecordedTopic[],
): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/v1/ws`);
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  let snapshots = 0;
  const done = new Promise<void>((resolve, reject) => {
    socket.on("message", (data: Buffer) => {
      const text = data.toString("utf8");
      if (text.includes('"status":"error"')) reject(new Error(text));
      if (!text.startsWith('{"type":"quotes.update"')) return;
      const n = /"n":"([^"]+)"/.exec(text)?.[1];
      const topic = topics.find((t) => t.symbol === n);
      if (!topic) return;
      if (topic.frames.length === 0 && ++snapshots === topics.length) resolve();
      topic.frames.push(text);
    });
  });
  topics.forEach((t, i) =>
    socket.send(
      JSON.stringify({
        type: "quotes.subscribe",
        id: i + 1,
        payload: { symbols: [t.symbol] },
      }),
    ),
  );
  await done;
  return socket;
}
