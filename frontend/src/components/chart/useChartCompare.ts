import { computed, onBeforeUnmount, shallowRef, type Ref } from "vue";
import type { Bar } from "../../model/bar";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";
import type { ChartFeed } from "./chartFeed";
import {
  compareLabel,
  rebasedAt,
  type ComparePoint,
  type CompareTarget,
} from "./compare";
import { CompareFeed } from "./compareFeed";

/**
 * The chart's compare mode: one comparison at a time (another symbol, or the same symbol a
 * period back), restarted when the chart's symbol, resolution or adjustment changes, and the
 * legend's figures: both series' percent change from the first visible bar.
 */
export function useChartCompare(
  feed: ChartFeed,
  firstVisible: Ref<number | undefined>,
  at: Ref<Bar | undefined>,
  version: Ref<number>,
) {
  const { datafeed } = useTerminal();
  const market = useMarketStore();
  const target = shallowRef<CompareTarget | null>(null);
  const compare = shallowRef<CompareFeed | null>(null);
  const tick = shallowRef(0);
  const error = shallowRef("");
  let stopEvents: (() => void) | undefined;

  function start(next: CompareTarget | null): void {
    stopEvents?.();
    compare.value?.stop();
    compare.value = null;
    error.value = "";
    target.value = next;
    if (!next) return;
    const created = new CompareFeed(
      datafeed,
      feed,
      next,
      market.symbol,
      market.resolution,
      market.adjustment,
    );
    stopEvents = created.on((event) => {
      if (event.kind === "error") error.value = event.message;
      else if (event.kind === "reset") error.value = "";
      tick.value += 1;
    });
    compare.value = created;
  }

  /** Follows the chart: a new symbol, resolution or adjustment reads the comparison again. */
  function restart(): void {
    if (target.value) start(target.value);
  }

  onBeforeUnmount(() => start(null));

  const label = computed(() =>
    target.value ? compareLabel(target.value, market.symbol) : "",
  );

  /** Main and comparison percent changes at the hovered or last bar. */
  const figures = computed(() => {
    void tick.value;
    void version.value;
    const from = firstVisible.value ?? feed.series[0]?.time;
    const time = at.value?.time;
    if (!compare.value || from === undefined || time === undefined)
      return { main: undefined, other: undefined };
    const main: ComparePoint[] = feed.series.map((b) => ({
      time: b.time,
      value: b.close,
    }));
    return {
      main: rebasedAt(main, from, time),
      other: rebasedAt(compare.value.series, from, time),
    };
  });

  return { target, compare, label, figures, error, start, restart };
}
