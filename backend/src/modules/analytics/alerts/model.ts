import type { AlertEvent, AlertRule, components } from "@tradewire/client";

export type AlertCondition = AlertRule["condition"];
export type AlertRuleInput = components["schemas"]["AlertRuleInput"];

/** A stored rule with what only the server sees: its account and definition version. */
export interface StoredRule {
  readonly accountId: string;
  /** Raised by every replace: a firing decided under an older definition is not stored. */
  readonly version: number;
  readonly rule: AlertRule;
}

/** What one firing changes: the rule as it is after it, and the event it adds. */
export interface Firing {
  readonly accountId: string;
  readonly version: number;
  readonly rule: AlertRule;
  /** The event without its sequence: the store numbers it. */
  readonly event: Omit<AlertEvent, "sequence">;
}

/** The symbol a condition watches. */
export const symbolOf = (condition: AlertCondition): string => condition.symbol;
