/** One candle's prices (the chart's OHLC without volume). */
export interface Ohlc {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/**
 * The Heikin-Ashi candle of `bar`, given the Heikin-Ashi candle before it (none for the first):
 * close is the bar's average price, open the midpoint of the previous HA body.
 */
export function heikinAshiNext(previous: Ohlc | undefined, bar: Ohlc): Ohlc {
  const close = (bar.open + bar.high + bar.low + bar.close) / 4;
  const open = previous
    ? (previous.open + previous.close) / 2
    : (bar.open + bar.close) / 2;
  return {
    time: bar.time,
    open,
    high: Math.max(bar.high, open, close),
    low: Math.min(bar.low, open, close),
    close,
  };
}

/** Heikin-Ashi candles of a whole series, oldest first. */
export function heikinAshi(bars: readonly Ohlc[]): Ohlc[] {
  const out: Ohlc[] = [];
  for (const bar of bars) out.push(heikinAshiNext(out[out.length - 1], bar));
  return out;
}

/**
 * Applies a live bar to Heikin-Ashi candles kept in step with the bars: the forming bar (same
 * time as the last) is recomputed from the candle before it, a new bar appends. Returns the
 * candle to draw, or null for a bar older than the last (stale).
 */
export function applyHeikinAshi(candles: Ohlc[], bar: Ohlc): Ohlc | null {
  const last = candles[candles.length - 1];
  if (last && bar.time < last.time) return null;
  if (last && bar.time === last.time) {
    const next = heikinAshiNext(candles[candles.length - 2], bar);
    candles[candles.length - 1] = next;
    return next;
  }
  const next = heikinAshiNext(last, bar);
  candles.push(next);
  return next;
}
