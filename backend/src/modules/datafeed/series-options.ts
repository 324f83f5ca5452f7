import type { components } from "@tradewire/client";

/** How a series is built beyond its symbol, resolution and range: `/bars`'s optional parameters. */
export interface SeriesOptions {
  readonly fill?: boolean;
  readonly adjustment?: components["schemas"]["Adjustment"];
  readonly roll?: components["schemas"]["RollPolicy"];
  readonly rollDays?: number;
}
