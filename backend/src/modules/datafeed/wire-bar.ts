import type { components } from "@tradewire/client";
import type { MarketBar } from "./market";

/**
 * The spec's Bar of a bar the history query built, as `/bars` sends it and history jobs write it:
 * one mapping, so an export holds exactly what `/bars` serves.
 */
export function wireBar(b: MarketBar): components["schemas"]["Bar"] {
  return {
    time: b.time,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
  };
}
