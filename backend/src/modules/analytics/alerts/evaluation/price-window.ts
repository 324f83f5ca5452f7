/**
 * The lowest and highest trade price of a sliding time window, each in a monotonic deque: every
 * trade is pushed once and dropped once, so a trade costs O(1) amortized whatever the window.
 */
export class PriceWindow {
  private readonly lows = new Deque();
  private readonly highs = new Deque();

  constructor(readonly windowMs: number) {}

  /** Add a trade and forget those older than the window before it. */
  push(time: number, price: number): void {
    const cutoff = time - this.windowMs;
    this.lows.dropOlder(cutoff);
    this.highs.dropOlder(cutoff);
    this.lows.pushKeeping(time, price, (kept) => kept < price);
    this.highs.pushKeeping(time, price, (kept) => kept > price);
  }

  /** The lowest price in the window; NaN when empty. */
  low(): number {
    return this.lows.frontPrice();
  }

  high(): number {
    return this.highs.frontPrice();
  }
}

/** A deque of (time, price) in a ring that grows, with O(1) pops at both ends. */
class Deque {
  private times: number[] = new Array<number>(16);
  private prices: number[] = new Array<number>(16);
  private head = 0;
  private size = 0;

  /** Pop from the back every entry `keep` refuses, then push. */
  pushKeeping(
    time: number,
    price: number,
    keep: (kept: number) => boolean,
  ): void {
    while (this.size > 0 && !keep(this.prices[this.index(this.size - 1)] ?? 0))
      this.size--;
    if (this.size === this.times.length) this.grow();
    const at = this.index(this.size);
    this.times[at] = time;
    this.prices[at] = price;
    this.size++;
  }

  /** Pop from the front every entry at or before `cutoff`. */
  dropOlder(cutoff: number): void {
    while (this.size > 0 && (this.times[this.head] ?? 0) <= cutoff) {
      this.head = (this.head + 1) % this.times.length;
      this.size--;
    }
  }

  frontPrice(): number {
    return this.size > 0 ? (this.prices[this.head] ?? NaN) : NaN;
  }

  private index(offset: number): number {
    return (this.head + offset) % this.times.length;
  }

  private grow(): void {
    const times = new Array<number>(this.times.length * 2);
    const prices = new Array<number>(this.prices.length * 2);
    for (let i = 0; i < this.size; i++) {
      times[i] = this.times[this.index(i)] ?? 0;
      prices[i] = this.prices[this.index(i)] ?? 0;
    }
    this.times = times;
    this.prices = prices;
    this.head = 0;
  }
}
