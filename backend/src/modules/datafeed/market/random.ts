/**
 * Counter-based randomness. Every (seed, stream, minute) triple is hashed into its own key, so a
 * minute can be simulated on its own, in any order, on any process, and always draws the same
 * numbers. Within a minute a mulberry32 sequence seeded by that key supplies the draws.
 */

const GOLDEN = 0x9e3779b9;
const TWO_POW_32 = 4294967296;

/** murmur3's finalizer: a bijective 32-bit mix with full avalanche. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed: a stable 32-bit hash of a ticker. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/**
 * Key of one named stream under a seed. Seeds are integers; both 32-bit halves of a safe integer
 * take part so that seeds above 2^32 still differ.
 */
export function streamKey(seed: number, name: string): number {
  const whole = Math.trunc(seed);
  const low = whole >>> 0;
  const high = Math.floor(whole / TWO_POW_32) >>> 0;
  return mix32(mix32(low ^ mix32(high + GOLDEN)) ^ hashString(name));
}

/** Key of one minute (minutes since the epoch) of a stream. */
export function minuteKey(stream: number, minuteIndex: number): number {
  const h = mix32(Math.imul(minuteIndex >>> 0, GOLDEN) ^ stream);
  return mix32(h + stream + (Math.floor(minuteIndex / TWO_POW_32) >>> 0));
}

/** mulberry32: tiny, fast and good enough for market noise; reseeded per minute. */
export class MinuteRandom {
  private state = 0;

  constructor(key = 0) {
    this.reset(key);
  }

  reset(key: number): void {
    this.state = key | 0;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Standard normal, from the quantile table below (one draw, no rejection). */
  gaussian(): number {
    return normalFromUint32(this.nextUint32());
  }

  /** A draw from a quantile table made by `quantileTable`. */
  fromTable(table: Float64Array): number {
    return interpolate(table, this.nextUint32());
  }

  /**
   * Count with mean `mean`: exact Poisson by inversion for small means (its cost grows with the
   * mean), a rounded normal approximation from 20 on, where the two are close.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean >= 20) {
      return Math.max(
        0,
        Math.floor(mean + Math.sqrt(mean) * this.gaussian() + 0.5),
      );
    }
    const u = this.uniform();
    let term = Math.exp(-mean);
    let cumulative = term;
    let k = 0;
    while (u >= cumulative && k < 200) {
      k++;
      term *= mean / k;
      cumulative += term;
    }
    return k;
  }
}

const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS;
const FRACTION_BITS = 32 - TABLE_BITS;
const FRACTION_SCALE = 1 / (1 << FRACTION_BITS);

/**
 * Standard normal quantiles at i / 4096, linearly interpolated between with the low bits of the
 * draw: one table lookup instead of Box-Muller's log, sqrt and cos per draw. The extreme points
 * use the half-bin quantiles and the table is rescaled to unit variance exactly.
 */
const NORMAL_TABLE = buildNormalTable();

function normalFromUint32(u: number): number {
  return interpolate(NORMAL_TABLE, u);
}

function interpolate(table: Float64Array, u: number): number {
  const index = u >>> FRACTION_BITS;
  const fraction = (u & ((1 << FRACTION_BITS) - 1)) * FRACTION_SCALE;
  const a = table[index] as number;
  const b = table[index + 1] as number;
  return a + (b - a) * fraction;
}

/**
 * Quantile table of `transform(Z)` for a standard normal Z, for `MinuteRandom.fromTable`: a
 * log-normal size is `quantileTable((z) => Math.exp(0.8 * z))`, with no exp per draw.
 */
export function quantileTable(transform: (z: number) => number): Float64Array {
  return NORMAL_TABLE.map(transform);
}

function buildNormalTable(): Float64Array {
  const table = new Float64Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) {
    const p = Math.min(
      Math.max(i / TABLE_SIZE, 0.5 / TABLE_SIZE),
      1 - 0.5 / TABLE_SIZE,
    );
    table[i] = inverseNormalCdf(p);
  }
  // Each bin is uniform between its end points: E[X^2] = (a^2 + ab + b^2) / 3 per bin.
  let secondMoment = 0;
  for (let i = 0; i < TABLE_SIZE; i++) {
    const a = table[i] as number;
    const b = table[i + 1] as number;
    secondMoment += (a * a + a * b + b * b) / 3;
  }
  const scale = 1 / Math.sqrt(secondMoment / TABLE_SIZE);
  for (let i = 0; i <= TABLE_SIZE; i++) table[i] = (table[i] as number) * scale;
  return table;
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2,
    1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
  ] as const;
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2,
    6.680131188771972e1, -1.328068155288572e1,
  ] as const;
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838,
    -2.549732539343734, 4.374664141464968, 2.938163982698783,
  ] as const;
  const d = [
    7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996,
    3.754408661907416,
  ] as const;
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) *
      q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
