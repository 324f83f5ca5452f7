import type {
  AlertCondition_Api_Backend,
  AlertEvent_Api_Backend,
  AlertRule_Api_Backend,
  AlertRuleInput_Api_Backend,
  AlertStatus_Api_Backend,
} from "../clients/api-types-generated";
import type {
  AlertEvent_Ws_Backend,
  AlertRule_Ws_Backend,
} from "../clients/ws-types-generated";
import { optional } from "./optional";

export type AlertCondition = AlertCondition_Api_Backend;
export type AlertStatus = AlertStatus_Api_Backend;
export type AlertRuleInput = AlertRuleInput_Api_Backend;

/** An alert rule of the account (REST and the `alerts` channel share the shape). */
export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly condition: AlertCondition;
  readonly repeat: boolean;
  readonly cooldownSeconds: number;
  readonly expiresAt?: number;
  readonly status: AlertStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastFiredAt?: number;
  readonly fireCount: number;
  /** The symbol the condition watches. */
  readonly symbol: string;
}

/** One firing of a rule; `sequence` orders them and is the replay cursor. */
export interface FiredAlert {
  readonly sequence: number;
  readonly alertId: string;
  readonly name: string;
  readonly symbol: string;
  readonly firedAt: number;
  readonly price: number;
  readonly value?: number;
  readonly message: string;
}

export function toAlertRule(
  wire: AlertRule_Ws_Backend | AlertRule_Api_Backend,
): AlertRule {
  return {
    id: wire.id,
    name: wire.name,
    condition: wire.condition,
    repeat: wire.repeat,
    cooldownSeconds: wire.cooldownSeconds,
    status: wire.status,
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
    fireCount: wire.fireCount,
    symbol: wire.condition.symbol,
    ...optional("expiresAt", wire.expiresAt),
    ...optional("lastFiredAt", wire.lastFiredAt),
  };
}

export function toFiredAlert(
  wire: AlertEvent_Ws_Backend | AlertEvent_Api_Backend,
): FiredAlert {
  return {
    sequence: wire.sequence,
    alertId: wire.alertId,
    name: wire.name,
    symbol: wire.symbol,
    firedAt: wire.firedAt,
    price: wire.price,
    message: wire.message,
    ...optional("value", wire.value),
  };
}

/** The spec's default pause between two firings of a repeating rule. */
export const DEFAULT_COOLDOWN_SECONDS = 60;

/**
 * A price-cross rule at `level`: `above` when the level is above the last price (the market must
 * rise to it), `below` otherwise. Without a last price, `above`.
 */
export function priceCrossInput(
  symbol: string,
  level: number,
  lastPrice: number | undefined,
  repeat = false,
): AlertRuleInput {
  const direction =
    lastPrice !== undefined && level < lastPrice ? "below" : "above";
  return {
    name: `${symbol} ${direction} ${level}`,
    condition: { type: "price-cross", symbol, direction, level },
    repeat,
    cooldownSeconds: DEFAULT_COOLDOWN_SECONDS,
  };
}

/** The rule as an input again, for a replace (PUT) that changes only what `change` says. */
export function toRuleInput(rule: AlertRule): AlertRuleInput {
  return {
    name: rule.name,
    condition: rule.condition,
    repeat: rule.repeat,
    cooldownSeconds: rule.cooldownSeconds,
    ...optional("expiresAt", rule.expiresAt),
  };
}

/** The rule moved to `level` (a dragged line, an edited level); only price-cross rules have one. */
export function withLevel(
  rule: AlertRule,
  level: number,
  lastPrice: number | undefined,
): AlertRuleInput | null {
  const { condition } = rule;
  if (condition.type !== "price-cross") return null;
  const moved = priceCrossInput(rule.symbol, level, lastPrice, rule.repeat);
  const renamed =
    rule.name === `${rule.symbol} ${condition.direction} ${condition.level}`;
  return {
    ...toRuleInput(rule),
    name: renamed ? (moved.name ?? rule.name) : rule.name,
    condition: moved.condition,
  };
}

/** A one-line description of a rule's condition, for the Alerts panel. */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.type) {
    case "price-cross":
      return `price crosses ${condition.direction} ${condition.level}`;
    case "price-channel":
      return `price ${condition.direction} ${condition.lower}–${condition.upper}`;
    case "price-move":
      return `moves ${condition.direction} ${condition.percent}% in ${condition.windowSeconds}s`;
    case "volume-spike":
      return `volume ×${condition.factor} of ${condition.lookback} bars (${condition.resolution})`;
    case "indicator-cross": {
      const target = condition.otherLine ?? String(condition.level);
      return `${condition.indicator.kind} ${condition.line} crosses ${condition.direction} ${target}`;
    }
  }
}
