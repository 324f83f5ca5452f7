import type { AlertRule } from "@tradewire/client";
import type { StoredRule } from "../model";
import type { ConditionReader, Reading } from "./conditions";
import type { TradeWatcher } from "./stream-hub";
import type { StreamState } from "./stream-state";

/** What an armed rule asks of the engine when it fires or expires. */
export interface RuleOutcomes {
  fire(
    armed: ArmedRule,
    state: StreamState,
    reading: Reading,
    evaluatedAt: number,
  ): void;
  expire(armed: ArmedRule): void;
}

/**
 * A rule being evaluated on its stream. The first reading after arming only sets the state; a
 * rule fires when its condition turns from false to true, once per cooldown when repeating.
 */
export class ArmedRule implements TradeWatcher {
  private held: boolean | null = null;
  /** False once fired (one-shot), expired or disarmed: later trades are ignored. */
  live = true;

  constructor(
    public stored: StoredRule,
    readonly reader: ConditionReader,
    private readonly outcomes: RuleOutcomes,
  ) {}

  get rule(): AlertRule {
    return this.stored.rule;
  }

  onTrade(state: StreamState): void {
    const trade = state.trade;
    if (!this.live || !trade) return;
    const { expiresAt, repeat, lastFiredAt, cooldownSeconds } = this.rule;
    if (expiresAt !== undefined && trade.time >= expiresAt) {
      this.outcomes.expire(this);
      return;
    }
    const reading = this.reader.read();
    if (reading === null) return;
    const was = this.held;
    this.held = reading.holds;
    if (was !== false || !reading.holds) return;
    if (
      repeat &&
      lastFiredAt !== undefined &&
      trade.time - lastFiredAt < cooldownSeconds * 1000
    )
      return;
    this.outcomes.fire(this, state, reading, performance.now());
  }
}
