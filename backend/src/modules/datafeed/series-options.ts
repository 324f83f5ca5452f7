import type { components } from "@tradewire/client";

/**
 * How a series is built beyond symbol, resolution and range, as /history, /bars and history jobs
 * pass it to `HistoryQuery.bars`. `fill` is gap filling (README "Periods"); `adjustment`, `roll`
 * and `rollDays` apply to continuous futures (`ES1!`) only.
 */
export interface SeriesOptions {
  readonly fill?: boolean;
  readonly adjustment?: components["schemas"]["Adjustment"];
  readonly roll?: components["schemas"]["RollPolicy"];
  readonly rollDays?: number;
}
