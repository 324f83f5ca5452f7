/**
 * The highest (or lowest) of the last `size` values, O(1) amortized per push and O(1) per preview:
 * a monotonic deque of (index, value) where each value beats every value behind it, so the front
 * is the extreme and a value is dropped once a newer one beats it or it leaves the window.
 */
export class WindowExtreme {
  private readonly indexes: Float64Array;
  private readonly values: Float64Array;
  private front = 0;
  private length = 0;
  private pushed = 0;

  private constructor(
    readonly size: number,
    private readonly beats: (a: number, b: number) => boolean,
  ) {
    this.indexes = new Float64Array(size + 1);
    this.values = new Float64Array(size + 1);
  }

  static highest(size: number): WindowExtreme {
    return new WindowExtreme(size, (a, b) => a >= b);
  }

  static lowest(size: number): WindowExtreme {
    return new WindowExtreme(size, (a, b) => a <= b);
  }

  /** The extreme of the window if `x` were pushed; changes nothing. */
  extremeWith(x: number): number {
    // Before a push the deque holds indexes pushed-size..pushed-1; only the front can fall out.
    for (let k = 0; k < Math.min(this.length, 2); k++) {
      const slot = this.slot(k);
      if ((this.indexes[slot] ?? 0) > this.pushed - this.size)
        return this.pick(x, this.values[slot] ?? x);
    }
    return x;
  }

  push(x: number): number {
    const extreme = this.extremeWith(x);
    while (
      this.length > 0 &&
      this.beats(x, this.values[this.slot(this.length - 1)] ?? x)
    )
      this.length--;
    const slot = this.slot(this.length);
    this.indexes[slot] = this.pushed;
    this.values[slot] = x;
    this.length++;
    this.pushed++;
    const oldest = this.pushed - this.size;
    while ((this.indexes[this.front] ?? 0) < oldest) {
      this.front = (this.front + 1) % this.indexes.length;
      this.length--;
    }
    return extreme;
  }

  private pick(x: number, kept: number): number {
    return this.beats(x, kept) ? x : kept;
  }

  private slot(k: number): number {
    return (this.front + k) % this.indexes.length;
  }
}
