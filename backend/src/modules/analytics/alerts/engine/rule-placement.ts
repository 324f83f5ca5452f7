import type { SharedStream } from "../evaluation/stream-hub";
import type { StoredRule } from "../model";
import type { AlertArming } from "./alert-engine";

/**
 * Where a rule goes once REST has stored it: armed here when this instance evaluates rules, and
 * announced to the leader when several instances run (cluster/alert-leadership.ts).
 */
export interface RulePlacement {
  /** `stream` is held for the rule: the placement arms the rule on it or lets it go. */
  placed(stored: StoredRule, stream: SharedStream): void;
  /** The rule was deleted: it stops firing. */
  removed(stored: StoredRule): void;
}

/** A lone instance evaluates every rule itself, from the moment it is stored. */
export class LocalPlacement implements RulePlacement {
  constructor(private readonly arming: AlertArming) {}

  placed(stored: StoredRule, stream: SharedStream): void {
    this.arming.detach(stored.rule.id);
    this.arming.attach(stored, stream);
  }

  removed(stored: StoredRule): void {
    this.arming.detach(stored.rule.id);
  }
}
