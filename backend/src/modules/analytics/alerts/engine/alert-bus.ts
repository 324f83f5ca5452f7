import type { AlertEvent, AlertRule } from "@tradewire/client";
import { KeyedListeners } from "../../../../events/keyed-listeners";

export type AlertChange =
  | { readonly kind: "rule"; readonly rule: AlertRule }
  | { readonly kind: "event"; readonly event: AlertEvent };

/** Per-account fan-out of rule changes and fired alerts to the account's channels. */
export class AlertBus extends KeyedListeners<AlertChange> {}
