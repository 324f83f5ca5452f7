import {
  computed,
  onBeforeUnmount,
  onMounted,
  ref,
  type ComputedRef,
} from "vue";
import { marketStatusAt, type MarketStatus } from "../../model/marketStatus";
import type { SymbolSpec } from "../../model/symbol";

/** How often an open/closed badge looks at the clock again. */
const REFRESH_MS = 30_000;

/** The market status of `spec` now, refreshed while the component lives (undefined until resolved). */
export function useMarketStatus(
  spec: () => Pick<SymbolSpec, "session" | "timezone"> | undefined,
): ComputedRef<MarketStatus | undefined> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), REFRESH_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return computed(() => {
    const current = spec();
    if (!current) return undefined;
    try {
      return marketStatusAt(current, now.value);
    } catch {
      // A session format the terminal does not read: say nothing rather than guess.
      return undefined;
    }
  });
}
