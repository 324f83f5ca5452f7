import { MINUTE_MS } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../bus/bus";
import { marketChannel } from "../../../cluster/channels";
import type { MinuteBar, Trade } from "../market";
import type { MarketMetrics } from "./market-metrics";
import type { SymbolFeed } from "./symbol-feed";

/**
 * What the cluster leader publishes for one symbol after a tick, on `marketChannel(ticker)`.
 * Trades are identified by (minute start, index within the minute): the first one is
 * (`fromMinute`, `fromIndex`), the leader's position before the tick, and each next one is the
 * following index, or index 0 of a later minute (a trade's minute is its time's minute). After
 * the tick the leader is at (`toMinute`, `toIndex`), the minute continuing from `prevClose`; every
 * minute before `toMinute` is stored.
 */
export interface MarketEvent {
  /** Leader's wall clock when it published (for the lag metric). */
  readonly publishedAt: number;
  readonly fromMinute: number;
  readonly fromIndex: number;
  readonly toMinute: number;
  readonly toIndex: number;
  readonly prevClose: number;
  readonly trades: readonly Trade[];
  readonly closed: readonly MinuteBar[];
}

/** A trade with its position in the market: `index` within the minute starting at `minute`. */
export interface PlacedTrade {
  readonly minute: number;
  readonly index: number;
  readonly trade: Trade;
}

const HEADER = 6;
const TRADE = 4;
const BAR = 8;

/**
 * The wire form: one flat array of numbers, header then the number of trades, 4 numbers a trade
 * (time, price, size, side) and 8 a closed bar (time, open, high, low, close, volume, vwap,
 * trades). Built once per symbol and tick; the bus serializes it once.
 */
export function encodeMarketEvent(event: MarketEvent): number[] {
  const out: number[] = [
    event.publishedAt,
    event.fromMinute,
    event.fromIndex,
    event.toMinute,
    event.toIndex,
    event.prevClose,
    event.trades.length,
  ];
  for (const t of event.trades) out.push(t.time, t.price, t.size, t.side);
  for (const b of event.closed)
    out.push(
      b.time,
      b.open,
      b.high,
      b.low,
      b.close,
      b.volume,
      b.vwap,
      b.trades,
    );
  return out;
}

/** The event, or null when the message is not one (a foreign or corrupt publisher). */
export function decodeMarketEvent(message: unknown): MarketEvent | null {
  if (!Array.isArray(message) || message.length <= HEADER) return null;
  const m = message as unknown[];
  if (!m.every((v) => typeof v === "number" && Number.isFinite(v))) return null;
  const n = m as number[];
  const count = n[HEADER] as number;
  if (!Number.isInteger(count) || count < 0) return null;
  const barsAt = HEADER + 1 + count * TRADE;
  if (barsAt > n.length || (n.length - barsAt) % BAR !== 0) return null;
  const trades: Trade[] = [];
  for (let i = HEADER + 1; i < barsAt; i += TRADE)
    trades.push({
      time: n[i] as number,
      price: n[i + 1] as number,
      size: n[i + 2] as number,
      side: n[i + 3] === 1 ? 1 : -1,
    });
  const closed: MinuteBar[] = [];
  for (let i = barsAt; i < n.length; i += BAR)
    closed.push({
      time: n[i] as number,
      open: n[i + 1] as number,
      high: n[i + 2] as number,
      low: n[i + 3] as number,
      close: n[i + 4] as number,
      volume: n[i + 5] as number,
      vwap: n[i + 6] as number,
      trades: n[i + 7] as number,
    });
  return {
    publishedAt: n[0] as number,
    fromMinute: n[1] as number,
    fromIndex: n[2] as number,
    toMinute: n[3] as number,
    toIndex: n[4] as number,
    prevClose: n[5] as number,
    trades,
    closed,
  };
}

/** Each trade of the event with its (minute, index), in order. */
export function placeTrades(event: MarketEvent): PlacedTrade[] {
  const placed: PlacedTrade[] = [];
  let minute = event.fromMinute;
  let index = event.fromIndex;
  for (const trade of event.trades) {
    const at = Math.floor(trade.time / MINUTE_MS) * MINUTE_MS;
    if (at !== minute) {
      minute = at;
      index = 0;
    }
    placed.push({ minute, index, trade });
    index += 1;
  }
  return placed;
}

/**
 * Cluster leader: publish what one symbol's tick did, when it did anything (a minute that changed
 * counts: followers learn of quiet minutes). Encoded once for every follower.
 */
export function publishTick(
  cluster: { readonly bus: Bus; readonly metrics: MarketMetrics },
  log: FastifyBaseLogger,
  feed: SymbolFeed,
  tick: {
    fromMinute: number;
    fromIndex: number;
    trades: readonly Trade[];
    closed: readonly MinuteBar[];
  },
): void {
  const { trades, closed } = tick;
  if (
    trades.length === 0 &&
    closed.length === 0 &&
    feed.minuteStart === tick.fromMinute
  )
    return;
  const message = encodeMarketEvent({
    ...tick,
    publishedAt: Date.now(),
    toMinute: feed.minuteStart,
    toIndex: feed.delivered,
    prevClose: feed.previousClose,
  });
  cluster.metrics.published();
  cluster.bus
    .publish(marketChannel(feed.entry.ticker), message)
    .catch((err: unknown) =>
      log.error(
        { err, symbol: feed.entry.ticker },
        "market event not published",
      ),
    );
}
