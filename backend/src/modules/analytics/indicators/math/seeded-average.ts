/**
 * An exponential average seeded with the simple mean of its first `period` inputs:
 * avg' = avg + alpha·(x − avg). EMA uses alpha = 2/(period+1), Wilder's smoothing (RSI, ATR)
 * alpha = 1/period. O(1) per push and per preview.
 */
export class SeededAverage {
  private seen = 0;
  private seedSum = 0;
  private value = 0;

  private constructor(
    readonly period: number,
    private readonly alpha: number,
  ) {}

  static ema(period: number): SeededAverage {
    return new SeededAverage(period, 2 / (period + 1));
  }

  static wilder(period: number): SeededAverage {
    return new SeededAverage(period, 1 / period);
  }

  /** The average if `x` were pushed (null while seeding); changes nothing. */
  valueWith(x: number): number | null {
    if (this.seen + 1 < this.period) return null;
    if (this.seen + 1 === this.period) return (this.seedSum + x) / this.period;
    return (x - this.value) * this.alpha + this.value;
  }

  /** Adds `x`; returns what valueWith(x) gave. */
  push(x: number): number | null {
    const value = this.valueWith(x);
    if (this.seen < this.period) {
      this.seedSum += x;
      this.seen++;
    }
    if (value !== null) this.value = value;
    return value;
  }
}
