import { ref, watch, watchEffect, type Ref } from "vue";
import {
  defaultQuantity,
  formatSteps,
  lotOf,
  wholeSteps,
} from "../../model/orderSizing";
import type { SymbolSpec } from "../../model/symbol";
import { useMarketStore } from "../../stores/market";
import { useSettingsStore } from "../../stores/settings";
import type { TicketDraft } from "./ticketForm";

/** The quantity offered for a symbol: the one last sent for it, else `defaultNotional` worth of lots. */
export function offeredQuantity(
  spec: SymbolSpec,
  price: number | undefined,
  remembered: number | undefined,
  defaultNotional: number,
): string | undefined {
  const lot = lotOf(spec);
  if (remembered !== undefined && remembered > 0) {
    const lots = wholeSteps(remembered, lot);
    return lots === null ? String(remembered) : formatSteps(lots, lot);
  }
  if (price === undefined || price <= 0) return undefined;
  return defaultQuantity(lot, price, defaultNotional);
}

/**
 * Keeps the ticket's quantity to the chart's symbol: a new symbol starts empty (a quantity never
 * carries over from another symbol), then gets its offered quantity as soon as its spec and
 * price are known, unless the user typed one first.
 */
export function useTicketQuantity(
  draft: TicketDraft,
  spec: Ref<SymbolSpec | undefined>,
  price: Ref<number | undefined>,
): { reoffer: () => void } {
  const market = useMarketStore();
  const settings = useSettingsStore();
  const offeredFor = ref<string | null>(null);

  watch(
    () => market.symbol,
    () => {
      draft.qty = "";
      offeredFor.value = null;
    },
    { flush: "sync" },
  );

  watchEffect(() => {
    const symbol = market.symbol;
    if (offeredFor.value === symbol) return;
    if (draft.qty !== "") {
      offeredFor.value = symbol;
      return;
    }
    const current = spec.value;
    if (!current) return;
    const offer = offeredQuantity(
      current,
      price.value,
      settings.settings.quantities[symbol],
      settings.settings.defaultNotional,
    );
    if (offer === undefined) return;
    draft.qty = offer;
    offeredFor.value = symbol;
  });

  return {
    reoffer() {
      draft.qty = "";
      offeredFor.value = null;
    },
  };
}
