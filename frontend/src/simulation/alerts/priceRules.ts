import type { AlertCondition_Api_Backend } from "../../clients/api-types-generated";

/**
 * Where a price stands against a rule: for a cross, 1 at or above the level, -1 below; for a
 * channel, 0 inside [lower, upper], 1 outside. `fired` when it moved the way the rule watches
 * since the previous price; the first price after arming only sets the side, as on the server.
 */
export function crossed(
  condition: AlertCondition_Api_Backend,
  before: number | undefined,
  price: number,
): { readonly now: number; readonly fired: boolean } {
  if (condition.type === "price-cross") {
    const now = price >= condition.level ? 1 : -1;
    const wanted = condition.direction === "above" ? 1 : -1;
    return {
      now,
      fired: before !== undefined && before !== now && now === wanted,
    };
  }
  if (condition.type === "price-channel") {
    const now = price >= condition.lower && price <= condition.upper ? 0 : 1;
    const wanted = condition.direction === "enters" ? 0 : 1;
    return {
      now,
      fired: before !== undefined && before !== now && now === wanted,
    };
  }
  return { now: 0, fired: false };
}

const money = (value: number) =>
  value.toLocaleString("en-US", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 8,
  });

/** The sentence a firing carries, with formatted numbers, in the server's manner. */
export function describeFiring(
  condition: AlertCondition_Api_Backend,
  price: number,
): string {
  if (condition.type === "price-cross")
    return `${condition.symbol} crossed ${condition.direction} ${money(condition.level)} at ${money(price)}`;
  if (condition.type === "price-channel")
    return `${condition.symbol} ${condition.direction === "enters" ? "entered" : "left"} ${money(condition.lower)}–${money(condition.upper)} at ${money(price)}`;
  return `${condition.symbol} alert at ${money(price)}`;
}
