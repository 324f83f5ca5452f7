import { DAY_MS } from "@tradewire/client";
import type { StoredBar } from "./bar-store";

/** A block is one UTC day of one symbol's 1-minute bars (at most 1,440 bars, 92 KB). */
export const BLOCK_MS = DAY_MS;
/** Numbers kept per bar: time, open, high, low, close, volume, vwap, trades. */
const STRIDE = 8;
/** Bytes charged per block besides its bars (map entry, key, array header): empty days are not free. */
const BLOCK_OVERHEAD = 160;

/** What the cache reports as it works, for /metrics. */
export interface BlockCacheEvents {
  /** Blocks answered from memory (or from a read another request had already issued). */
  hit(blocks: number): void;
  /** Blocks this request had to read from the database. */
  miss(blocks: number): void;
  /** Blocks dropped to stay within the byte budget. */
  evicted(blocks: number): void;
}

export const SILENT_BLOCK_EVENTS: BlockCacheEvents = {
  hit: () => undefined,
  miss: () => undefined,
  evicted: () => undefined,
};

/** Reads the stored bars with fromMs <= time < toMs from the database, ascending. */
export type BlockFetch = (fromMs: number, toMs: number) => Promise<StoredBar[]>;

/**
 * Closed days of 1-minute bars, kept in memory in least-recently-used order within a byte budget.
 * The caller only asks for blocks whose every minute is closed and stored, so a block never
 * changes once read and never expires: only the budget removes it. Concurrent misses of the same
 * block share one database read.
 */
export class ClosedBlockCache {
  /** Map order is recency order: a hit moves its block to the end, eviction takes from the front. */
  private readonly blocks = new Map<string, Float64Array>();
  private readonly loading = new Map<string, Promise<Float64Array>>();
  private used = 0;

  constructor(
    readonly budgetBytes: number,
    private readonly events: BlockCacheEvents = SILENT_BLOCK_EVENTS,
  ) {}

  get enabled(): boolean {
    return this.budgetBytes > 0;
  }

  /** Bytes the cached blocks take, overhead included (never above the budget). */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.blocks.size;
  }

  /**
   * The bars of blocks `first`..`last` (block indexes, time / BLOCK_MS) of `symbol`, ascending.
   * Each run of adjacent blocks neither cached nor being read is fetched with one `fetch`. Only
   * bars with fromMs <= time < toMs are returned (the blocks are cached whole).
   */
  async bars(
    symbol: string,
    first: number,
    last: number,
    fetch: BlockFetch,
    fromMs = -Infinity,
    toMs = Infinity,
  ): Promise<StoredBar[]> {
    const parts: Promise<Float64Array>[] = [];
    let hits = 0;
    let misses = 0;
    let runStart = -1;
    const flushRun = (end: number): void => {
      if (runStart < 0) return;
      parts.push(...this.load(symbol, runStart, end, fetch));
      misses += end - runStart + 1;
      runStart = -1;
    };
    for (let block = first; block <= last; block++) {
      const key = keyOf(symbol, block);
      const cached = this.blocks.get(key);
      const pending = cached ? undefined : this.loading.get(key);
      if (cached || pending) {
        flushRun(block - 1);
        hits++;
        if (cached) this.touch(key, cached);
        parts.push(
          cached ? Promise.resolve(cached) : (pending as Promise<Float64Array>),
        );
      } else if (runStart < 0) runStart = block;
    }
    flushRun(last);
    if (hits > 0) this.events.hit(hits);
    if (misses > 0) this.events.miss(misses);
    const packed = await Promise.all(parts);
    const bars: StoredBar[] = [];
    for (const data of packed) unpack(data, fromMs, toMs, bars);
    return bars;
  }

  /** One database read for blocks first..last, registered first so concurrent requests share it. */
  private load(
    symbol: string,
    first: number,
    last: number,
    fetch: BlockFetch,
  ): Promise<Float64Array>[] {
    const read = fetch(first * BLOCK_MS, (last + 1) * BLOCK_MS).then((bars) =>
      split(bars, first, last),
    );
    const parts: Promise<Float64Array>[] = [];
    for (let block = first; block <= last; block++) {
      const key = keyOf(symbol, block);
      const part = read.then((blocks) => blocks[block - first] as Float64Array);
      this.loading.set(key, part);
      parts.push(part);
      part.then(
        (data) => {
          this.loading.delete(key);
          this.store(key, data);
        },
        () => this.loading.delete(key),
      );
    }
    return parts;
  }

  private touch(key: string, data: Float64Array): void {
    this.blocks.delete(key);
    this.blocks.set(key, data);
  }

  private store(key: string, data: Float64Array): void {
    const cost = costOf(data);
    if (cost > this.budgetBytes || this.blocks.has(key)) return;
    this.blocks.set(key, data);
    this.used += cost;
    let evicted = 0;
    for (const [oldKey, old] of this.blocks) {
      if (this.used <= this.budgetBytes) break;
      this.blocks.delete(oldKey);
      this.used -= costOf(old);
      evicted++;
    }
    if (evicted > 0) this.events.evicted(evicted);
  }
}

function keyOf(symbol: string, block: number): string {
  return `${symbol}\u0000${block}`;
}

function costOf(data: Float64Array): number {
  return data.byteLength + BLOCK_OVERHEAD;
}

/** Ascending bars of blocks first..last, packed per block (an empty day is an empty array). */
function split(
  bars: readonly StoredBar[],
  first: number,
  last: number,
): Float64Array[] {
  const blocks: Float64Array[] = [];
  let i = 0;
  for (let block = first; block <= last; block++) {
    const end = (block + 1) * BLOCK_MS;
    const from = i;
    while (i < bars.length && (bars[i] as StoredBar).time < end) i++;
    blocks.push(pack(bars, from, i));
  }
  return blocks;
}

function pack(
  bars: readonly StoredBar[],
  from: number,
  to: number,
): Float64Array {
  const data = new Float64Array((to - from) * STRIDE);
  for (let i = from, at = 0; i < to; i++, at += STRIDE) {
    const bar = bars[i] as StoredBar;
    data[at] = bar.time;
    data[at + 1] = bar.open;
    data[at + 2] = bar.high;
    data[at + 3] = bar.low;
    data[at + 4] = bar.close;
    data[at + 5] = bar.volume;
    data[at + 6] = bar.vwap;
    data[at + 7] = bar.trades;
  }
  return data;
}

/** Fresh objects on every read: callers may keep or change what they get. */
function unpack(
  data: Float64Array,
  fromMs: number,
  toMs: number,
  into: StoredBar[],
): void {
  for (let at = 0; at < data.length; at += STRIDE) {
    const time = data[at] as number;
    if (time < fromMs || time >= toMs) continue;
    into.push({
      time,
      open: data[at + 1] as number,
      high: data[at + 2] as number,
      low: data[at + 3] as number,
      close: data[at + 4] as number,
      volume: data[at + 5] as number,
      vwap: data[at + 6] as number,
      trades: data[at + 7] as number,
    });
  }
}
