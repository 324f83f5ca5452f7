/** Mean and population variance of the window a push would leave. */
export interface WindowStats {
  readonly mean: number;
  readonly variance: number;
}

/**
 * The last `size` values with their mean and population variance, O(1) per push and per preview.
 *
 * Sums are kept as deviations from a reference near the mean (less cancellation in
 * Σx² − (Σx)²/n), and every `size` pushes they are recomputed exactly from the stored values, so
 * rounding cannot drift over millions of bars: O(size) once per `size` pushes, O(1) amortized.
 */
export class RollingWindow {
  private readonly values: Float64Array;
  private count = 0;
  private next = 0; // where the next value goes; the oldest value once the window is full
  private ref = 0;
  private sum = 0; // Σ(x − ref)
  private sumSq = 0; // Σ(x − ref)²
  private sinceResync = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
  }

  get full(): boolean {
    return this.count === this.size;
  }

  /** The window's stats if `x` were pushed (null until it would be full); changes nothing. */
  statsWith(x: number): WindowStats | null {
    if (this.count + 1 < this.size) return null;
    const { ref, sum, sumSq } = this.sumsWith(x);
    const mean = sum / this.size;
    return {
      mean: ref + mean,
      variance: Math.max(0, sumSq / this.size - mean * mean),
    };
  }

  /** Adds `x` (dropping the oldest value when full); returns the same stats statsWith(x) gave. */
  push(x: number): WindowStats | null {
    const stats = this.statsWith(x);
    const sums = this.sumsWith(x);
    this.ref = sums.ref;
    this.sum = sums.sum;
    this.sumSq = sums.sumSq;
    this.values[this.next] = x;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
    if (++this.sinceResync >= this.size) this.resync();
    return stats;
  }

  private sumsWith(x: number): { ref: number; sum: number; sumSq: number } {
    const ref = this.count === 0 ? x : this.ref;
    const added = x - ref;
    const dropped = this.full ? (this.values[this.next] ?? 0) - ref : 0;
    return {
      ref,
      sum: this.sum + added - dropped,
      sumSq: this.sumSq + added * added - dropped * dropped,
    };
  }

  private resync(): void {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.values[i] ?? 0;
    this.ref = total / this.count;
    this.sum = 0;
    this.sumSq = 0;
    for (let i = 0; i < this.count; i++) {
      const d = (this.values[i] ?? 0) - this.ref;
      this.sum += d;
      this.sumSq += d * d;
    }
    this.sinceResync = 0;
  }
}
