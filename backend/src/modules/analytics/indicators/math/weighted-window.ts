/**
 * The linearly weighted mean of the last `size` values (newest weight `size`, oldest 1), O(1) per
 * push and per preview: with S the window's sum and N its weighted sum, sliding by one value x
 * gives N' = N − S + size·x. Both sums are recomputed from the stored values every `size` pushes
 * (O(size) once per `size` pushes, O(1) amortized) so rounding cannot drift.
 */
export class WeightedWindow {
  private readonly values: Float64Array;
  private readonly weights: number;
  private count = 0;
  private next = 0; // where the next value goes; the oldest value once the window is full
  private sum = 0;
  private weighted = 0;
  private sinceResync = 0;

  constructor(readonly size: number) {
    this.values = new Float64Array(size);
    this.weights = (size * (size + 1)) / 2;
  }

  /** The weighted mean if `x` were pushed (null until the window would be full); changes nothing. */
  meanWith(x: number): number | null {
    if (this.count + 1 < this.size) return null;
    return this.weightedWith(x) / this.weights;
  }

  /** Adds `x` (dropping the oldest value when full); returns what meanWith(x) gave. */
  push(x: number): number | null {
    const mean = this.meanWith(x);
    const full = this.count === this.size;
    this.weighted = this.weightedWith(x);
    this.sum += x - (full ? (this.values[this.next] ?? 0) : 0);
    this.values[this.next] = x;
    this.next = (this.next + 1) % this.size;
    if (!full) this.count++;
    if (++this.sinceResync >= this.size) this.resync();
    return mean;
  }

  private weightedWith(x: number): number {
    // While filling, a value's weight is its position, which it keeps once the window is full.
    if (this.count < this.size) return this.weighted + (this.count + 1) * x;
    return this.weighted - this.sum + this.size * x;
  }

  private resync(): void {
    const oldest = this.count === this.size ? this.next : 0;
    this.sum = 0;
    this.weighted = 0;
    for (let i = 0; i < this.count; i++) {
      const x = this.values[(oldest + i) % this.size] ?? 0;
      this.sum += x;
      this.weighted += (i + 1) * x;
    }
    this.sinceResync = 0;
  }
}
