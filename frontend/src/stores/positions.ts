import { defineStore } from "pinia";
import { computed, ref } from "vue";
import type { Position } from "../model/position";

/** Open positions by symbol; a position with qty 0 is closed and leaves the list. */
export const usePositionsStore = defineStore("positions", () => {
  const bySymbol = ref<Record<string, Position>>({});

  const list = computed(() =>
    Object.values(bySymbol.value).sort((a, b) =>
      a.symbol.localeCompare(b.symbol),
    ),
  );
  const unrealizedPl = computed(() =>
    list.value.reduce((sum, p) => sum + p.unrealizedPl, 0),
  );

  function apply(position: Position): void {
    const known = bySymbol.value[position.symbol];
    if (known && known.updateTime > position.updateTime) return;
    if (position.qty === 0) delete bySymbol.value[position.symbol];
    else bySymbol.value[position.symbol] = position;
  }

  function reset(): void {
    bySymbol.value = {};
  }

  return { bySymbol, list, unrealizedPl, apply, reset };
});
