import { MINUTE_MS } from "@tradewire/client";
import type { BarStreamEvent } from "../../src/contracts/bar-streams";
import type { Database } from "../../src/db/database";
import {
  BarStore,
  type StoredBar,
} from "../../src/modules/datafeed/store/bar-store";

/** The stored 1-minute bars of `symbol` with fromMs <= time < the minute of toMs, ascending. */
export function storedMinutes(
  database: Database,
  symbol: string,
  fromMs: number,
  toMs: number,
): Promise<StoredBar[]> {
  return new BarStore(database).range(
    symbol,
    fromMs,
    Math.floor(toMs / MINUTE_MS) * MINUTE_MS,
  );
}

/** How many trades a bar stream delivered, by minute. */
export function tradesByMinute(
  events: readonly BarStreamEvent[],
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { time } of events.flatMap((e) => e.trades)) {
    const minute = Math.floor(time / MINUTE_MS) * MINUTE_MS;
    counts.set(minute, (counts.get(minute) ?? 0) + 1);
  }
  return counts;
}

/**
 * The OHLCV of a bar: a stored minute, or a closed bar of a `1` bar stream (whose `vwap` is the
 * session's, not the minute's own, and is checked against /bars elsewhere).
 */
export function asBar({
  time,
  open,
  high,
  low,
  close,
  volume,
}: Pick<StoredBar, "time" | "open" | "high" | "low" | "close" | "volume">) {
  return { time, open, high, low, close, volume };
}
