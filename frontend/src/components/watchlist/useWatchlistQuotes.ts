import { onBeforeUnmount, ref, watch, type Ref } from "vue";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";

/** The quotes channel takes 1 to 50 symbols per subscription. */
const MAX_SYMBOLS = 50;
const SUBSCRIBER = "watchlist";

/** Keeps one quotes subscription for the whole watchlist, replaced whenever the list changes. */
export function useWatchlistQuotes(): { error: Ref<string> } {
  const { adapter } = useTerminal();
  const market = useMarketStore();
  const error = ref("");

  watch(
    () => [...market.watchlist],
    (symbols) => {
      error.value = "";
      if (symbols.length === 0) {
        adapter.quotes.unsubscribe(SUBSCRIBER);
        return;
      }
      void adapter.quotes
        .subscribe(
          SUBSCRIBER,
          { symbols: symbols.slice(0, MAX_SYMBOLS) },
          market.applyQuote,
        )
        .then((outcome) => {
          if (!outcome.ok && outcome.error.code !== "UNSUBSCRIBED")
            error.value = outcome.error.message;
        });
    },
    { immediate: true },
  );
  onBeforeUnmount(() => adapter.quotes.unsubscribe(SUBSCRIBER));
  return { error };
}
