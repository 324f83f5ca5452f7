import type { components } from "@tradewire/client";

/** Per-request options of a bar series: gap filling, and a continuous series' roll and adjustment. */
export interface SeriesOptions {
  readonly fill?: boolean;
  readonly adjustment?: components["schemas"]["Adjustment"];
  readonly roll?: components["schemas"]["RollPolicy"];
  readonly rollDays?: number;
}
