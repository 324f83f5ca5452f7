import type { AlertEvent, AlertRule } from "@tradewire/client";
import { KeyedListeners } from "../../../../events/keyed-listeners";

export type AlertChange =
  | { readonly kind: "rule"; readonly rule: AlertRule }
  | { readonly kind: "event"; readonly event: AlertEvent };

/**
 * Per-account fan-out of rule changes and fired alerts to the account's channels. A lone
 * instance's stays in process; several instances share theirs over the bus (cluster/alert-relay.ts).
 */
export interface AlertBus {
  /** Returns the function that removes the listener. */
  on(accountId: string, listener: (change: AlertChange) => void): () => void;
  emit(accountId: string, change: AlertChange): void;
}

/** The fan-out of a lone instance. */
export class LocalAlertBus
  extends KeyedListeners<AlertChange>
  implements AlertBus {}
