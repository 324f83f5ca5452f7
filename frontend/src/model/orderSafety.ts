import type { Settings } from "./settings";

export interface OrderIntent {
  /** Quantity times the price that will apply, in the quote currency. */
  readonly notional: number;
  /** Closing (part of) a position rather than opening or adding. */
  readonly closing: boolean;
}

/** Whether an order (placed, modified by a dragged line, or a close) asks before it is sent. */
export function needsConfirmation(
  intent: OrderIntent,
  settings: Pick<
    Settings,
    "confirmOrders" | "confirmAboveNotional" | "confirmClose"
  >,
): boolean {
  if (intent.closing && settings.confirmClose) return true;
  return (
    settings.confirmOrders &&
    Math.abs(intent.notional) > settings.confirmAboveNotional
  );
}
