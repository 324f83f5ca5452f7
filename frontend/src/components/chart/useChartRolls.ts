import { shallowRef, watch, type Ref } from "vue";
import { rollBarTimes, rollLabel, type Roll } from "../../model/roll";
import { isContinuous } from "../../model/symbol";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";
import type { ChartFeed } from "./chartFeed";

/** A roll placed on the bar it falls in, with the text its marker and tooltip show. */
export interface RollMark {
  readonly time: number;
  readonly roll: Roll;
  /** `ESZ6 → ESH7, +12.25` */
  readonly label: string;
}

/** Bar length of an intraday resolution (a number of minutes), null for a day or more. */
export function intradayBarMs(resolution: string): number | null {
  return /^[1-9][0-9]*$/.test(resolution) ? Number(resolution) * 60_000 : null;
}

/**
 * The roll dates of the chart's continuous future (`GET /datafeed/rolls`), placed on its bars
 * again whenever the bars change (`version` counts the chart's resets, pages and new bars).
 */
export function useChartRolls(
  feed: ChartFeed,
  version: Ref<number>,
  precision: Ref<number>,
) {
  const { datafeed } = useTerminal();
  const market = useMarketStore();
  const rolls = shallowRef<readonly Roll[]>([]);
  const marks = shallowRef<readonly RollMark[]>([]);
  const error = shallowRef("");
  let asked = 0;

  watch(
    () => market.symbol,
    async (symbol) => {
      const ticket = ++asked;
      rolls.value = [];
      error.value = "";
      if (!isContinuous(symbol)) return;
      try {
        const schedule = await datafeed.rolls(symbol);
        if (ticket === asked) rolls.value = schedule.rolls;
      } catch (failure) {
        if (ticket === asked)
          error.value = `Rolls: ${failure instanceof Error ? failure.message : String(failure)}`;
      }
    },
    { immediate: true },
  );

  watch(
    [rolls, version, precision, () => market.adjustment] as const,
    ([list, , digits, adjustment]) => {
      const times = feed.series.map((b) => b.time);
      marks.value = rollBarTimes(
        list,
        times,
        intradayBarMs(market.resolution),
      ).map(({ roll, time }) => ({
        time,
        roll,
        label: rollLabel(roll, digits, adjustment),
      }));
    },
    { immediate: true },
  );

  /** The roll marked on the bar at `time`, for the tooltip. */
  function markAt(time: number | undefined): RollMark | undefined {
    return time === undefined
      ? undefined
      : marks.value.find((m) => m.time === time);
  }

  return { marks, error, markAt };
}
