import type { AlertEvent, AlertRule } from "@tradewire/client";

export type AlertChange =
  | { readonly kind: "rule"; readonly rule: AlertRule }
  | { readonly kind: "event"; readonly event: AlertEvent };

type Listener = (change: AlertChange) => void;

/** Per-account fan-out of rule changes and fired alerts to the account's channels. */
export class AlertBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  on(accountId: string, listener: Listener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(accountId);
    };
  }

  emit(accountId: string, change: AlertChange): void {
    for (const listener of this.listeners.get(accountId) ?? [])
      listener(change);
  }
}
