import {
  computed,
  onBeforeUnmount,
  onMounted,
  ref,
  type ComputedRef,
} from "vue";
import { marketStatusAt, type MarketStatus } from "../../model/marketStatus";
import { useTerminal } from "../../services/injection";
import type { SymbolSpec } from "../../model/symbol";

/** How often an open/closed badge looks at the clock again. */
const REFRESH_MS = 30_000;

/** The market status of `spec` now, refreshed while the component lives (undefined until resolved). */
export function useMarketStatus(
  spec: () => Pick<SymbolSpec, "session" | "timezone"> | undefined,
): ComputedRef<MarketStatus | undefined> {
  const { clock } = useTerminal();
  const now = ref(clock.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    now.value = clock.now();
    // A real interval: the badge is judged again as wall time passes (the clock may be manual).
    timer = setInterval(() => (now.value = clock.now()), REFRESH_MS);
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
