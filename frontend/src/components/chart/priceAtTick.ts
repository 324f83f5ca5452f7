/**
 * `price` on the instrument's tick grid (nearest step), without float noise: 0.1 + 0.2 on a
 * 0.01 tick is 0.3, not 0.30000000000000004.
 */
export function roundToTick(price: number, tickSize: number): number {
  if (!Number.isFinite(price)) return price;
  if (!(tickSize > 0)) return price;
  const steps = Math.round(price / tickSize);
  const decimals = Math.min(
    12,
    Math.max(0, Math.ceil(-Math.log10(tickSize) - 1e-9) + 2),
  );
  return Number((steps * tickSize).toFixed(decimals));
}
