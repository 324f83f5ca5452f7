import { watch, type Ref } from "vue";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";

/** Resolves every symbol in `symbols` once, into the market store (tick size, precision). */
export function useSymbolSpecs(symbols: Ref<readonly string[]>): void {
  const { symbols: directory } = useTerminal();
  const market = useMarketStore();
  watch(
    symbols,
    (list) => {
      for (const symbol of list) {
        if (market.specs[symbol]) continue;
        directory.spec(symbol).then(market.setSpec, () => undefined);
      }
    },
    { immediate: true, deep: true },
  );
}
