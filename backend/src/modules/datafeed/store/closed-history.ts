import { MINUTE_MS } from "@tradewire/client";
import type { BarStore, StoredBar } from "./bar-store";
import { BLOCK_MS, type ClosedBlockCache } from "./closed-block-cache";

/**
 * Why the history read the database: `block` (closed days for the block cache), `range`, `last`,
 * `newest` (reads not served by blocks), `oldest` (where a symbol's history starts, once), `tail`
 * (loading the in-memory tail), `follow` (a cluster follower reading what the leader stored).
 */
export type HistoryDbQuery =
  "block" | "range" | "last" | "newest" | "oldest" | "tail" | "follow";

export interface HistoryDbReads {
  read(query: HistoryDbQuery, rows: number): void;
}

export const UNCOUNTED_DB_READS: HistoryDbReads = { read: () => undefined };

const BARS_PER_BLOCK = BLOCK_MS / MINUTE_MS;

/**
 * Reads of stored minutes the in-memory tail does not hold. Whole days that are closed and stored
 * go through the block cache; the rest (the day still being stored, or every read when the cache
 * is off) goes to the database as asked. `storedUntil` is a time before which every minute is
 * stored and will never be written again (-Infinity: unknown, cache nothing).
 */
export class ClosedHistory {
  /** Time of each symbol's oldest stored bar, once there is one: nothing older is ever stored. */
  private readonly oldest = new Map<string, number>();
  private readonly oldestLoading = new Map<string, Promise<number | null>>();

  constructor(
    private readonly store: BarStore,
    private readonly cache: ClosedBlockCache,
    private readonly reads: HistoryDbReads = UNCOUNTED_DB_READS,
  ) {}

  /** Stored bars with fromMs <= time < toMs, ascending. */
  async range(
    symbol: string,
    fromMs: number,
    toMs: number,
    storedUntil: number,
  ): Promise<StoredBar[]> {
    if (fromMs >= toMs) return [];
    const closedEnd = Math.min(toMs, closedUntil(storedUntil));
    if (!this.cache.enabled || closedEnd <= fromMs)
      return this.direct(symbol, fromMs, toMs);
    const oldest = await this.oldestOf(symbol);
    if (oldest === null) return this.direct(symbol, fromMs, toMs);
    const start = Math.max(fromMs, oldest);
    const [older, newer] = await Promise.all([
      start < closedEnd
        ? this.fromBlocks(symbol, start, closedEnd)
        : Promise.resolve([]),
      closedEnd < toMs
        ? this.direct(symbol, closedEnd, toMs)
        : Promise.resolve([]),
    ]);
    return newer.length === 0 ? older : older.concat(newer);
  }

  /** The `count` newest stored bars with time < beforeMs, ascending. */
  async lastBefore(
    symbol: string,
    beforeMs: number,
    count: number,
    storedUntil: number,
  ): Promise<StoredBar[]> {
    if (count <= 0) return [];
    const closedEnd = Math.min(beforeMs, closedUntil(storedUntil));
    if (!this.cache.enabled || closedEnd === -Infinity)
      return this.directLast(symbol, beforeMs, count);
    const newer =
      closedEnd < beforeMs
        ? await this.direct(symbol, closedEnd, beforeMs)
        : [];
    if (newer.length >= count) return newer.slice(-count);
    const oldest = await this.oldestOf(symbol);
    if (oldest === null) return this.directLast(symbol, beforeMs, count);
    // Walk back a day at a time, in batches that double: one read when the guess was right.
    const need = count - newer.length;
    const chunks: StoredBar[][] = [newer];
    const firstBlock = Math.floor(oldest / BLOCK_MS);
    let last = Math.ceil(closedEnd / BLOCK_MS) - 1;
    let span = Math.ceil(need / BARS_PER_BLOCK) + 1;
    for (let got = 0; got < need && last >= firstBlock; span *= 2) {
      const first = Math.max(firstBlock, last - span + 1);
      const bars = await this.cache.bars(
        symbol,
        first,
        last,
        this.fetchBlocks(symbol),
        -Infinity,
        closedEnd,
      );
      chunks.unshift(bars);
      got += bars.length;
      last = first - 1;
    }
    const bars = chunks.flat();
    return bars.length > count ? bars.slice(-count) : bars;
  }

  /** Time of the newest stored bar before `beforeMs`, or null when there is none. */
  async newestTimeBefore(
    symbol: string,
    beforeMs: number,
    storedUntil: number,
  ): Promise<number | null> {
    if (!this.cache.enabled) {
      const time = await this.store.newestTimeBefore(symbol, beforeMs);
      this.reads.read("newest", time === null ? 0 : 1);
      return time;
    }
    const [bar] = await this.lastBefore(symbol, beforeMs, 1, storedUntil);
    return bar ? bar.time : null;
  }

  private fromBlocks(
    symbol: string,
    fromMs: number,
    toMs: number,
  ): Promise<StoredBar[]> {
    return this.cache.bars(
      symbol,
      Math.floor(fromMs / BLOCK_MS),
      Math.ceil(toMs / BLOCK_MS) - 1,
      this.fetchBlocks(symbol),
      fromMs,
      toMs,
    );
  }

  private fetchBlocks(symbol: string) {
    return async (fromMs: number, toMs: number): Promise<StoredBar[]> => {
      const bars = await this.store.range(symbol, fromMs, toMs);
      this.reads.read("block", bars.length);
      return bars;
    };
  }

  private async direct(
    symbol: string,
    fromMs: number,
    toMs: number,
  ): Promise<StoredBar[]> {
    const bars = await this.store.range(symbol, fromMs, toMs);
    this.reads.read("range", bars.length);
    return bars;
  }

  private async directLast(
    symbol: string,
    beforeMs: number,
    count: number,
  ): Promise<StoredBar[]> {
    const bars = await this.store.lastBefore(symbol, beforeMs, count);
    this.reads.read("last", bars.length);
    return bars;
  }

  /** One read per symbol and process; null (nothing stored yet) is asked again next time. */
  private oldestOf(symbol: string): Promise<number | null> {
    const known = this.oldest.get(symbol);
    if (known !== undefined) return Promise.resolve(known);
    const loading = this.oldestLoading.get(symbol);
    if (loading) return loading;
    const read = this.store
      .oldestTime(symbol)
      .then((time) => {
        this.reads.read("oldest", time === null ? 0 : 1);
        if (time !== null) this.oldest.set(symbol, time);
        return time;
      })
      .finally(() => this.oldestLoading.delete(symbol));
    this.oldestLoading.set(symbol, read);
    return read;
  }
}

/** Start of the day `storedUntil` falls in: every day before it is closed and stored in full. */
function closedUntil(storedUntil: number): number {
  return Math.floor(storedUntil / BLOCK_MS) * BLOCK_MS;
}
