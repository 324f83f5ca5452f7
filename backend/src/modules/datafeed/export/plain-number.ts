/**
 * `n` as a plain decimal that parses back to exactly `n`: the shortest round-trip digits
 * JavaScript's `String(n)` picks, without its exponent form (`1e+21`, `1e-7`) that CSV readers
 * and spreadsheets may not take as a number, and without any locale. Throws on NaN and
 * infinities, which no bar may hold.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const text = String(n);
  const e = text.indexOf("e");
  if (e < 0) return text;
  const sign = n < 0 ? "-" : "";
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const digits =
    dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // Where the decimal point falls in `digits` once the exponent is applied.
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length)
    return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
