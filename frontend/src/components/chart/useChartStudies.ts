import { onBeforeUnmount, ref, watch } from "vue";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";
import { useStudiesStore } from "../../stores/studies";
import { IndicatorFeed } from "./indicatorFeed";

/**
 * The chart's indicators: the chosen studies on the chart's symbol and resolution, subscribed
 * again when any of the three changes. `tick` counts events, so the legend re-reads the newest values.
 */
export function useChartStudies() {
  const { indicators } = useTerminal();
  const market = useMarketStore();
  const studies = useStudiesStore();
  const feed = new IndicatorFeed((symbol, resolution, study) =>
    indicators.values(symbol, resolution, study),
  );
  const tick = ref(0);
  const stop = feed.on(() => (tick.value += 1));
  watch(
    () => [market.symbol, market.resolution, studies.list] as const,
    ([symbol, resolution, list]) => feed.set(symbol, resolution, list),
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    feed.stop();
  });
  return { feed, tick };
}
