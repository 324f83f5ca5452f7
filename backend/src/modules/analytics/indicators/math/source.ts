import type { OhlcvBar, PriceSource } from "./types";

/** The price an indicator reads from a bar: one field, or the usual composites (hl2, hlc3, ohlc4). */
export function priceOf(bar: OhlcvBar, source: PriceSource): number {
  switch (source) {
    case "close":
      return bar.close;
    case "open":
      return bar.open;
    case "high":
      return bar.high;
    case "low":
      return bar.low;
    case "hl2":
      return (bar.high + bar.low) / 2;
    case "hlc3":
      return (bar.high + bar.low + bar.close) / 3;
    case "ohlc4":
      return (bar.open + bar.high + bar.low + bar.close) / 4;
  }
}
