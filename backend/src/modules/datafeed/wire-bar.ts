import type { components } from "@tradewire/client";
import type { SeriesBar } from "./market/period-bars";

/**
 * The spec's Bar of a bar the history query built, as `/bars` sends it and history jobs write it:
 * one mapping, so an export holds exactly what `/bars` serves.
 */
export function wireBar(b: SeriesBar): components["schemas"]["Bar"] {
  return {
    time: b.time,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
    vwap: b.vwap,
    ...(b.filled ? { filled: true as const } : {}),
  };
}
