import type { SymbolSpec } from "./symbol";

/**
 * The symbol's lot, as the broker publishes it in SymbolInfo's `lot_size`: the smallest quantity
 * step and the minimum order (1 share, 1,000 units of FX, 0.0001 BTC, 0.01 SOL, 1 contract).
 */
export function lotOf(spec: Pick<SymbolSpec, "lotSize">): number {
  return spec.lotSize;
}

/** Decimals a step is written with (0.0001 -> 4, 0.25 -> 2, 1000 -> 0). */
export function decimalsOfStep(step: number): number {
  for (let d = 0; d <= 10; d += 1) {
    const scaled = step * 10 ** d;
    if (Math.abs(Math.round(scaled) - scaled) < 1e-9) return d;
  }
  return 10;
}

/** Whole steps in `value`, or null when `value` is off the grid (float noise tolerated). */
export function wholeSteps(value: number, step: number): number | null {
  const steps = value / step;
  const rounded = Math.round(steps);
  return Math.abs(rounded - steps) < 1e-6 ? rounded : null;
}

/** `steps` steps written with the step's decimals, free of float noise. */
export function formatSteps(steps: number, step: number): string {
  return (steps * step).toFixed(decimalsOfStep(step));
}

/**
 * The quantity a fresh symbol starts with: `notional` worth at `price`, rounded down to whole lots,
 * at least one lot.
 */
export function defaultQuantity(
  lot: number,
  price: number,
  notional: number,
): string {
  const lots = Math.floor(notional / price / lot + 1e-9);
  return formatSteps(Math.max(1, lots), lot);
}
