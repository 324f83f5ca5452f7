import { Side } from "@tradewire/client";
import type { SeriesMarker, Time, UTCTimestamp } from "lightweight-charts";
import type { Bar } from "../../model/bar";
import type { Execution } from "../../model/execution";
import { formatQty } from "../common/format";
import { LINE_COLORS } from "./orderLineModel";

/** Index of the last bar that opened at or before `time`, or -1 (bars oldest first). */
function barAt(bars: readonly Bar[], time: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((bars[mid] as Bar).time <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The symbol's fills as markers on the bars they happened in: an arrow up under the bar for a
 * buy, down over it for a sell. Fills older than the loaded bars are left out.
 */
export function executionMarkers(
  executions: readonly Execution[],
  symbol: string,
  bars: readonly Bar[],
): SeriesMarker<Time>[] {
  const markers: SeriesMarker<Time>[] = [];
  for (const x of executions) {
    if (x.symbol !== symbol) continue;
    const index = barAt(bars, x.time);
    if (index < 0) continue;
    const buy = x.side === Side.Buy;
    markers.push({
      id: x.id,
      time: ((bars[index] as Bar).time / 1000) as UTCTimestamp,
      position: buy ? "belowBar" : "aboveBar",
      shape: buy ? "arrowUp" : "arrowDown",
      color: buy ? LINE_COLORS.buy.order : LINE_COLORS.sell.order,
      text: `${buy ? "B" : "S"} ${formatQty(x.qty)}`,
    });
  }
  return markers.sort((a, b) => (a.time as number) - (b.time as number));
}
