import type { StoredBar } from "./bar-store";

/** Numbers kept per bar: time, open, high, low, close, volume, vwap, trades. */
const STRIDE = 8;

/**
 * The newest stored 1-minute bars of one symbol, packed in one Float64Array (64 bytes a bar), in
 * time order. It covers every stored bar from `coveredFrom` on, so a read that starts there is
 * answered here in full, and anything older is for the database.
 */
class SymbolTail {
  private data: Float64Array;
  private start = 0;
  private end = 0;
  /** Time from which every stored bar is here; -Infinity when the whole history is. */
  private coveredFrom: number;

  constructor(
    private readonly capacity: number,
    bars: readonly StoredBar[],
    complete: boolean,
  ) {
    this.data = new Float64Array((bars.length + this.slack) * STRIDE);
    this.coveredFrom = complete ? -Infinity : (bars[0]?.time ?? Infinity);
    this.push(bars);
  }

  /** Room for bars past the capacity, so trimming happens once per `slack` appended bars. */
  private get slack(): number {
    return Math.max(64, this.capacity >> 3);
  }

  /** Time from which every stored bar is here; -Infinity when the whole history is. */
  get covered(): number {
    return this.coveredFrom;
  }

  get size(): number {
    return (this.end - this.start) / STRIDE;
  }

  push(bars: readonly StoredBar[]): void {
    for (const bar of bars) {
      if (this.end === this.data.length) this.makeRoom();
      const d = this.data;
      const at = this.end;
      d[at] = bar.time;
      d[at + 1] = bar.open;
      d[at + 2] = bar.high;
      d[at + 3] = bar.low;
      d[at + 4] = bar.close;
      d[at + 5] = bar.volume;
      d[at + 6] = bar.vwap;
      d[at + 7] = bar.trades;
      this.end += STRIDE;
    }
  }

  /** Bars with fromMs <= time < toMs, or null when bars before the tail could be among them. */
  range(fromMs: number, toMs: number): StoredBar[] | null {
    if (fromMs < this.coveredFrom) return null;
    return this.barsBetween(this.indexOf(fromMs), this.indexOf(toMs));
  }

  /** The `count` newest bars with time < beforeMs, or null when the tail may not hold them all. */
  lastBefore(beforeMs: number, count: number): StoredBar[] | null {
    const to = this.indexOf(beforeMs);
    const from = Math.max(0, to - count);
    if (to - from < count && this.coveredFrom !== -Infinity) return null;
    return this.barsBetween(from, to);
  }

  /** `{time}` of the newest bar before `beforeMs` (null time: none stored), or null if unknown. */
  newestTimeBefore(beforeMs: number): { time: number | null } | null {
    const index = this.indexOf(beforeMs) - 1;
    if (index >= 0) return { time: this.timeAt(index) };
    return this.coveredFrom === -Infinity ? { time: null } : null;
  }

  /** Index of the first bar with time >= t (binary search). */
  private indexOf(t: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private timeAt(index: number): number {
    return this.data[this.start + index * STRIDE] as number;
  }

  private barsBetween(from: number, to: number): StoredBar[] {
    const d = this.data;
    const bars = new Array<StoredBar>(Math.max(0, to - from));
    for (let i = from, at = this.start + from * STRIDE; i < to; i++) {
      bars[i - from] = {
        time: d[at] as number,
        open: d[at + 1] as number,
        high: d[at + 2] as number,
        low: d[at + 3] as number,
        close: d[at + 4] as number,
        volume: d[at + 5] as number,
        vwap: d[at + 6] as number,
        trades: d[at + 7] as number,
      };
      at += STRIDE;
    }
    return bars;
  }

  /**
   * Called when the array is full: drop the bars past the capacity and move the rest to the front,
   * or grow (up to capacity and slack) while the tail is still filling.
   */
  private makeRoom(): void {
    const excess = this.size - this.capacity;
    if (excess > 0) {
      this.start += excess * STRIDE;
      this.coveredFrom = this.timeAt(0);
    }
    const used = this.end - this.start;
    const most = (this.capacity + this.slack) * STRIDE;
    const target =
      used * 2 <= this.data.length || this.data.length >= most
        ? this.data
        : new Float64Array(Math.min(used * 2, most));
    target.set(this.data.subarray(this.start, this.end));
    this.data = target;
    this.start = 0;
    this.end = used;
  }
}

/**
 * The newest `capacity` 1-minute bars of each symbol whose history has been read, kept in step
 * with what is stored: chart loads and bar snapshots then cost no database round trip and no
 * decoding. Stored bars never change, so appending is all the upkeep there is.
 */
export class RecentBars {
  private readonly tails = new Map<string, SymbolTail>();

  constructor(readonly capacity: number) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  has(symbol: string): boolean {
    return this.tails.has(symbol);
  }

  /** Start the symbol's tail from its newest stored bars; `complete` when that is all of them. */
  load(symbol: string, newest: readonly StoredBar[], complete: boolean): void {
    this.tails.set(symbol, new SymbolTail(this.capacity, newest, complete));
  }

  /** Forget every tail (what is stored may have moved on without this instance). */
  clear(): void {
    this.tails.clear();
  }

  /** Bars just stored, newer than everything stored before; ignored for symbols not loaded. */
  append(symbol: string, bars: readonly StoredBar[]): void {
    this.tails.get(symbol)?.push(bars);
  }

  /** Time from which every stored bar of `symbol` is here (Infinity: no tail for it). */
  coveredFrom(symbol: string): number {
    return this.tails.get(symbol)?.covered ?? Infinity;
  }

  range(symbol: string, fromMs: number, toMs: number): StoredBar[] | null {
    return this.tails.get(symbol)?.range(fromMs, toMs) ?? null;
  }

  lastBefore(
    symbol: string,
    beforeMs: number,
    count: number,
  ): StoredBar[] | null {
    return this.tails.get(symbol)?.lastBefore(beforeMs, count) ?? null;
  }

  newestTimeBefore(
    symbol: string,
    beforeMs: number,
  ): { time: number | null } | null {
    return this.tails.get(symbol)?.newestTimeBefore(beforeMs) ?? null;
  }
}
