import { computed, type Ref } from "vue";
import type { Bar } from "../../model/bar";
import type { SymbolSpec } from "../../model/symbol";
import { useSettingsStore } from "../../stores/settings";
import { zoneLabel, zoneOf } from "./timeZone";

/** How the chart is shown, from the user's settings: type, time zone (and its label), theme. */
export function useChartDisplay(
  spec: Ref<SymbolSpec | null>,
  resolution: Ref<string>,
  last: Ref<Bar | undefined>,
) {
  const store = useSettingsStore();
  const zone = computed(() =>
    zoneOf(store.settings.timeZone ?? "exchange", spec.value?.timezone),
  );
  return {
    chartType: computed(() => store.settings.chartType ?? "candles"),
    theme: computed(() => store.settings.theme ?? "dark"),
    zone,
    /** Daily, weekly and monthly bars are dates: no time of day, no zone shift. */
    daily: computed(() => /[DWM]$/.test(resolution.value)),
    /** "New York (UTC−5)" at the newest bar, so it follows daylight saving time. */
    zoneText: computed(() =>
      zoneLabel(zone.value, last.value?.time ?? Date.now()),
    ),
  };
}
