import type { InstrumentRules } from "../../../../contracts/market-data";
import type { AlertCondition } from "../model";

/** Decimals of the symbol's price tick (minmov / pricescale): 0.01 → 2, 0.25 → 2, 1 → 0. */
export function tickDecimals(instrument: InstrumentRules | null): number {
  if (!instrument) return 2;
  const tick = instrument.minmov / instrument.pricescale;
  for (let decimals = 0; decimals < 10; decimals++)
    if (
      Math.abs(Math.round(tick * 10 ** decimals) - tick * 10 ** decimals) < 1e-9
    )
      return decimals;
  return 10;
}

// Built once: a formatter per call (what toLocaleString with options does) costs tens of µs,
// and a trade can fire a thousand rules.
const priceFormats = new Map<number, Intl.NumberFormat>();
const plainFormat = new Intl.NumberFormat("en-US", {
  maximumFractionDigits: 4,
});

/** A price as the symbol quotes it, with thousands separators: 90,012.50. */
export function formatPrice(price: number, decimals: number): string {
  let format = priceFormats.get(decimals);
  if (!format)
    priceFormats.set(
      decimals,
      (format = new Intl.NumberFormat("en-US", {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      })),
    );
  return format.format(price);
}

const plain = (n: number): string => plainFormat.format(n);

/** The condition in words ("BTCUSD crosses above 90,000.00"): a rule's default name. */
export function describeCondition(
  condition: AlertCondition,
  decimals: number,
): string {
  const price = (p: number) => formatPrice(p, decimals);
  switch (condition.type) {
    case "price-cross":
      return `${condition.symbol} crosses ${condition.direction} ${price(condition.level)}`;
    case "price-channel":
      return `${condition.symbol} ${condition.direction} ${price(condition.lower)} to ${price(condition.upper)}`;
    case "price-move":
      return `${condition.symbol} moves ${condition.direction} ${plain(condition.percent)}% within ${condition.windowSeconds}s`;
    case "volume-spike":
      return `${condition.symbol} ${condition.resolution} volume reaches ${plain(condition.factor)}x the ${condition.lookback}-bar average`;
    case "indicator-cross": {
      const study = `${condition.indicator.kind.toUpperCase()} ${condition.line}`;
      const target =
        condition.otherLine !== undefined
          ? condition.otherLine
          : plain(condition.level ?? 0);
      return `${condition.symbol} ${condition.resolution} ${study} crosses ${condition.direction} ${target}`;
    }
  }
}

/** The fired alert as a sentence: what happened, at which trade price (and figure). */
export function firedMessage(
  condition: AlertCondition,
  decimals: number,
  price: number,
  value: number | undefined,
): string {
  const at = `at ${formatPrice(price, decimals)}`;
  const figure =
    value === undefined
      ? ""
      : condition.type === "price-move"
        ? ` (moved ${plain(value)}%)`
        : condition.type === "volume-spike"
          ? ` (volume ${plain(value)})`
          : ` (${condition.type === "indicator-cross" ? condition.line : "value"} ${plain(value)})`;
  return `${describeCondition(condition, decimals).replace(/ crosses /, " crossed ")} ${at}${figure}`;
}
