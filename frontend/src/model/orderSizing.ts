import type { SymbolSpec } from "./symbol";

/**
 * The symbol's lot: the smallest quantity step an order may use. SymbolInfo carries no lot size,
 * so it is read from `volume_precision` (sizes are whole units of 10^-volume_precision): 1 share,
 * 0.0001 BTC, 0.01 SOL, 1 contract. The broker's FX lot (1,000 units) is coarser than that; the
 * server refuses an FX quantity off its lot grid with a message naming the lot.
 */
export function lotOf(spec: Pick<SymbolSpec, "volumePrecision">): number {
  return 1 / 10 ** spec.volumePrecision;
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
