import type { MarketData } from "../../../../contracts/market-data";
import {
  checkParams,
  createIndicator,
  type IndicatorParams,
} from "../../indicators/math";
import type { AlertCondition, AlertRuleInput } from "../model";
import { AlertRejection } from "./rejection";

type IndicatorCross = Extract<AlertCondition, { type: "indicator-cross" }>;

const invalid = (field: string, message: string): AlertRejection =>
  new AlertRejection("INVALID_PARAMS", message, field);

/**
 * The checks the schema cannot express, on a rule it accepted: the symbol is listed, a channel is
 * not empty, an indicator's params and lines exist, the expiry is ahead. Answers the condition with
 * its symbol as the datafeed spells it, so one symbol is one stream however the trader typed it.
 */
export function checkRule(
  input: Pick<AlertRuleInput, "condition" | "expiresAt">,
  market: MarketData,
  now: number,
): AlertCondition {
  const { condition } = input;
  const instrument = market.instrument(condition.symbol);
  if (!instrument)
    throw new AlertRejection(
      "UNKNOWN_SYMBOL",
      `unknown symbol ${JSON.stringify(condition.symbol)}`,
      "condition.symbol",
    );
  if (input.expiresAt !== undefined && input.expiresAt <= now)
    throw invalid("expiresAt", "expiresAt must be in the future");
  if (
    condition.type === "price-channel" &&
    !(condition.lower < condition.upper)
  )
    throw invalid(
      "condition.lower",
      "condition.lower must be below condition.upper",
    );
  if (condition.type === "indicator-cross") checkIndicatorCross(condition);
  return { ...condition, symbol: instrument.ticker };
}

function checkIndicatorCross(condition: IndicatorCross): void {
  const { kind } = condition.indicator;
  const params: IndicatorParams = condition.indicator.params ?? {};
  const reason = checkParams(kind, params);
  if (reason !== null)
    throw invalid(
      "condition.indicator.params",
      `condition.indicator.params: ${reason}`,
    );
  const lines = createIndicator(kind, params).lines;
  const drawn = (line: string, field: string): void => {
    if (!lines.includes(line))
      throw invalid(
        field,
        `${field}: ${kind} draws ${lines.join(", ")}, not ${line}`,
      );
  };
  drawn(condition.line, "condition.line");
  const hasLevel = condition.level !== undefined;
  const hasOther = condition.otherLine !== undefined;
  if (hasLevel === hasOther)
    throw invalid(
      "condition.level",
      "give exactly one of condition.level and condition.otherLine",
    );
  if (condition.otherLine !== undefined) {
    drawn(condition.otherLine, "condition.otherLine");
    if (condition.otherLine === condition.line)
      throw invalid(
        "condition.otherLine",
        "condition.otherLine must be another line than condition.line",
      );
  }
}
