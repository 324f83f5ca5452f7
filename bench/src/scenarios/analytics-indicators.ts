import type WebSocket from "ws";
import {
  ANALYTICS_SYMBOLS,
  openSocket,
  type AnalyticsRow,
  type LoadedRow,
  type RowContext,
} from "./analytics";

const RESOLUTIONS = ["1", "5", "15", "60"];
/** 25 studies x 4 resolutions x 10 symbols = 1,000 topics. */
const STUDIES: readonly { kind: string; params?: Record<string, number> }[] = [
  ...[10, 20, 50, 100].map((period) => ({ kind: "sma", params: { period } })),
  ...[10, 20, 50, 100].map((period) => ({ kind: "ema", params: { period } })),
  ...[10, 20].map((period) => ({ kind: "wma", params: { period } })),
  ...[7, 14, 21, 28].map((period) => ({ kind: "rsi", params: { period } })),
  { kind: "macd" },
  { kind: "macd", params: { fast: 5, slow: 35, signal: 5 } },
  ...[10, 20].map((period) => ({ kind: "bollinger", params: { period } })),
  { kind: "bollinger", params: { period: 20, stdDev: 2.5 } },
  ...[14, 21].map((period) => ({ kind: "atr", params: { period } })),
  { kind: "stochastic" },
  { kind: "stochastic", params: { period: 5, signal: 3 } },
  { kind: "vwap" },
  { kind: "obv" },
];
/** Closed values each topic's snapshot carries. */
const HISTORY = 100;

/** The subscribe requests of `count` distinct indicator topics, spread over kinds, symbols and resolutions. */
export function indicatorTopics(count: number): object[] {
  const out: object[] = [];
  for (const symbol of ANALYTICS_SYMBOLS)
    for (const resolution of RESOLUTIONS)
      for (const study of STUDIES)
        out.push({ symbol, resolution, ...study, history: HISTORY });
  return out.slice(0, count);
}

/** Subscribes every topic on one socket and resolves when all are confirmed. */
async function subscribeAll(
  ws: WebSocket,
  topics: readonly object[],
): Promise<void> {
  let pending = topics.length;
  const failures: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const onMessage = (data: Buffer): void => {
      const frame = JSON.parse(data.toString()) as {
        type: string;
        payload: { status?: string; message?: string };
      };
      if (frame.type !== "indicators.subscribe.response") return;
      if (frame.payload.status !== "ok")
        failures.push(frame.payload.message ?? "?");
      if (--pending > 0) return;
      ws.off("message", onMessage);
      if (failures.length > 0) reject(new Error(`refused: ${failures[0]}`));
      else resolve();
    };
    ws.on("message", onMessage);
    topics.forEach((payload, id) =>
      ws.send(JSON.stringify({ type: "indicators.subscribe", id, payload })),
    );
  });
}

/** `count` active indicator topics, all on one reading socket. */
export function indicatorTopicsRow(count: number): AnalyticsRow {
  return {
    label: `${count.toLocaleString("en-US")} indicator topics`,
    async open(ctx: RowContext): Promise<LoadedRow> {
      const ws = await openSocket(ctx.wsUrl);
      const started = Date.now();
      await subscribeAll(ws, indicatorTopics(count));
      ctx.log(
        `  analytics: ${count} topics subscribed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      let updates = 0;
      ws.on("message", () => {
        updates += 1;
      });
      return {
        delivered: () => `${updates.toLocaleString("en-US")} indicator updates`,
        close: async () => {
          const closed = new Promise((resolve) => ws.once("close", resolve));
          ws.close();
          await closed;
          // The server stops the topics' streams as it sees the socket go.
          await new Promise((resolve) => setTimeout(resolve, 500));
        },
      };
    },
  };
}
