import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { generateBars, type CatalogEntry, type MinuteBar } from "./market";
import { UNCOUNTED_READS, type HistoryReads } from "./history-reads";
import type { ProgressReporter } from "./progress";
import type { BarStore, StoredBar } from "./store/bar-store";
import { ClosedBlockCache } from "./store/closed-block-cache";
import {
  ClosedHistory,
  UNCOUNTED_DB_READS,
  type HistoryDbReads,
} from "./store/closed-history";
import { RecentBars } from "./store/recent-bars";

/** Catch-up is generated and stored a week at a time: bounded memory, smooth progress. */
const CHUNK = 7 * DAY_MS;

interface Cursor {
  /** Start of the first minute not yet generated and stored. */
  next: number;
  /** Close of the newest stored bar (the price the next minute continues from). */
  lastClose: number;
  /**
   * False while `next` is only this instance's guess (no stored bar seen, nothing heard from the
   * leader): a follower then cannot tell which old days the leader has still to store.
   */
  known: boolean;
}

/** Where reads older than the in-memory tail go: the closed-day block cache (off by default). */
export interface ClosedReadOptions {
  readonly blockCache?: ClosedBlockCache;
  readonly dbReads?: HistoryDbReads;
}

/**
 * Keeps the stored 1-minute history of every symbol gap-free. The market is a pure function of
 * (seed, symbol, minute, previous close), so history can be generated for any stretch the live
 * feed did not cover, before first start or while a symbol had no subscriber, and it comes out
 * exactly as if the feed had run. Per-symbol locks keep a catch-up and a live append apart.
 */
export class BarHistory {
  private readonly cursors = new Map<string, Cursor>();
  private readonly locks = new Map<string, Promise<unknown>>();

  private readonly recent: RecentBars;
  private readonly closed: ClosedHistory;
  private readonly dbReads: HistoryDbReads;
  /** False on a cluster follower: the leader stores minutes, this instance only reads them. */
  private writer = true;
  private historyStart = 0;

  /** `cacheMinutes`: newest bars of each symbol read kept in memory (0: every read is a query). */
  constructor(
    private readonly store: BarStore,
    private readonly seed: number,
    cacheMinutes = 0,
    private readonly reads: HistoryReads = UNCOUNTED_READS,
    closedReads: ClosedReadOptions = {},
  ) {
    this.recent = new RecentBars(cacheMinutes);
    this.dbReads = closedReads.dbReads ?? UNCOUNTED_DB_READS;
    this.closed = new ClosedHistory(
      store,
      closedReads.blockCache ?? new ClosedBlockCache(0),
      this.dbReads,
    );
  }

  /** Read where each symbol's history ends; symbols without any start at `historyStartMs`. */
  async load(
    catalog: readonly CatalogEntry[],
    historyStartMs: number,
  ): Promise<void> {
    this.historyStart = historyStartMs;
    const last = await this.store.lastBars();
    for (const entry of catalog) {
      const bar = last.get(entry.ticker);
      this.cursors.set(
        entry.ticker,
        bar
          ? { next: bar.time + MINUTE_MS, lastClose: bar.close, known: true }
          : {
              next: historyStartMs,
              lastClose: entry.sim.initialPrice,
              known: false,
            },
      );
    }
  }

  /** Whether this instance writes to the database (false on a cluster follower). */
  get writing(): boolean {
    return this.writer;
  }

  /** Start of the first minute not stored yet, and the price it continues from. */
  cursor(symbol: string): Readonly<Cursor> {
    return this.cursorOf(symbol);
  }

  private cursorOf(symbol: string): Cursor {
    const cursor = this.cursors.get(symbol);
    if (!cursor)
      throw new Error(
        `no history cursor for ${symbol}: load the catalog first`,
      );
    return cursor;
  }

  /**
   * Whether this instance stores minutes (a lone instance, a cluster leader) or only reads what
   * the leader stored (a follower). Cursors are read again and the tails dropped: the store may
   * hold more than this instance saw.
   */
  async setWriter(
    writer: boolean,
    catalog: readonly CatalogEntry[],
  ): Promise<void> {
    this.writer = writer;
    await Promise.all(
      catalog.map((e) => this.locked(e.ticker, () => Promise.resolve())),
    );
    this.recent.clear();
    await this.load(catalog, this.historyStart);
  }

  /**
   * Generate and store every minute before `untilMs` (a minute boundary); returns the new bars.
   * A follower instead reads the bars the leader stored since its cursor (never writes).
   */
  catchUp(
    entry: CatalogEntry,
    untilMs: number,
    progress?: ProgressReporter,
  ): Promise<MinuteBar[]> {
    if (!this.writer) return this.sync(entry, untilMs);
    return this.locked(entry.ticker, async () => {
      const cursor = this.cursorOf(entry.ticker);
      const added: MinuteBar[] = [];
      while (cursor.next < untilMs) {
        const to = Math.min(untilMs, cursor.next + CHUNK);
        const bars = generateBars(
          entry,
          this.seed,
          cursor.next,
          to,
          cursor.lastClose,
        );
        await this.store.appendBulk(entry.ticker, bars);
        this.recent.append(entry.ticker, bars);
        progress?.advance((to - cursor.next) / MINUTE_MS);
        cursor.next = to;
        const last = bars.at(-1);
        if (last) cursor.lastClose = last.close;
        for (const bar of bars) added.push(bar);
      }
      return added;
    });
  }

  /** Follower: the bars stored before `untilMs` that this instance has not seen, now in its tail. */
  private sync(entry: CatalogEntry, untilMs: number): Promise<MinuteBar[]> {
    return this.locked(entry.ticker, async () => {
      const cursor = this.cursorOf(entry.ticker);
      if (cursor.next >= untilMs) return [];
      const bars = await this.store.range(entry.ticker, cursor.next, untilMs);
      this.dbReads.read("follow", bars.length);
      this.take(cursor, entry.ticker, bars);
      return bars;
    });
  }

  /**
   * Follower: minutes the leader closed (and stored) before `untilMs`, heard on the bus. Returns
   * those this instance did not have yet, appended to its tail without writing the database.
   */
  observe(
    entry: CatalogEntry,
    bars: readonly MinuteBar[],
    untilMs: number,
  ): Promise<MinuteBar[]> {
    return this.locked(entry.ticker, () => {
      const cursor = this.cursorOf(entry.ticker);
      const fresh = bars.filter((b) => b.time >= cursor.next);
      this.take(cursor, entry.ticker, fresh);
      if (untilMs >= cursor.next) {
        // The leader stores a minute before it publishes it: all before untilMs is stored.
        cursor.next = untilMs;
        cursor.known = true;
      }
      return Promise.resolve(fresh);
    });
  }

  private take(cursor: Cursor, symbol: string, bars: readonly MinuteBar[]) {
    const last = bars.at(-1);
    if (!last) return;
    this.recent.append(symbol, bars);
    cursor.next = last.time + MINUTE_MS;
    cursor.lastClose = last.close;
    cursor.known = true;
  }

  /**
   * The live feed closed the minute at `minuteStart` (with a bar, or none in a quiet or closed
   * minute). Stored only if it is the next minute the history lacks, so nothing is stored twice.
   */
  appendLive(
    entry: CatalogEntry,
    minuteStart: number,
    bar: MinuteBar | null,
  ): Promise<void> {
    return this.locked(entry.ticker, async () => {
      const cursor = this.cursorOf(entry.ticker);
      if (!this.writer || cursor.next !== minuteStart) return;
      if (bar) {
        await this.store.append(entry.ticker, [bar]);
        this.recent.append(entry.ticker, [bar]);
      }
      cursor.next = minuteStart + MINUTE_MS;
      if (bar) cursor.lastClose = bar.close;
    });
  }

  /** Stored bars with fromMs <= time < toMs, ascending. */
  async range(
    symbol: string,
    fromMs: number,
    toMs: number,
  ): Promise<StoredBar[]> {
    await this.warm(symbol);
    const tail = this.counted(this.recent.range(symbol, fromMs, toMs));
    if (tail) return tail;
    // What the tail holds comes from it; only the older part is read (through closed blocks).
    const split = Math.min(toMs, this.recent.coveredFrom(symbol));
    const newer = this.tailFrom(symbol, split, toMs);
    const older = await this.closed.range(
      symbol,
      fromMs,
      split,
      this.storedUntil(symbol),
    );
    return newer.length === 0 ? older : older.concat(newer);
  }

  /** The `count` newest stored bars with time < beforeMs, ascending. */
  async lastBefore(
    symbol: string,
    beforeMs: number,
    count: number,
  ): Promise<StoredBar[]> {
    await this.warm(symbol);
    const tail = this.counted(this.recent.lastBefore(symbol, beforeMs, count));
    if (tail) return tail;
    // The tail has fewer than `count`: all of its bars, and the rest from before it.
    const split = Math.min(beforeMs, this.recent.coveredFrom(symbol));
    const newer = this.tailFrom(symbol, split, beforeMs);
    const older = await this.closed.lastBefore(
      symbol,
      split,
      count - newer.length,
      this.storedUntil(symbol),
    );
    return newer.length === 0 ? older : older.concat(newer);
  }

  /** Time of the newest stored bar before `beforeMs`, or null when there is none. */
  async newestTimeBefore(
    symbol: string,
    beforeMs: number,
  ): Promise<number | null> {
    await this.warm(symbol);
    const known = this.counted(this.recent.newestTimeBefore(symbol, beforeMs));
    return known
      ? known.time
      : this.closed.newestTimeBefore(
          symbol,
          beforeMs,
          this.storedUntil(symbol),
        );
  }

  /** The tail's bars with fromMs <= time < toMs, when it covers fromMs (else none). */
  private tailFrom(symbol: string, fromMs: number, toMs: number): StoredBar[] {
    return fromMs < toMs ? (this.recent.range(symbol, fromMs, toMs) ?? []) : [];
  }

  /**
   * Every minute before this time is stored and will not be written again, so whole days before
   * it may be cached. A writer advances its cursor only after storing; a follower's cursor follows
   * the leader's stored minutes, except while it is a guess (-Infinity: cache nothing).
   */
  private storedUntil(symbol: string): number {
    const cursor = this.cursors.get(symbol);
    if (!cursor || (!this.writer && !cursor.known)) return -Infinity;
    return cursor.next;
  }

  /** Count a read as answered from the tail (an answer) or left to the database (null). */
  private counted<T>(fromTail: T | null): T | null {
    this.reads.read(fromTail === null ? "database" : "cache");
    return fromTail;
  }

  /**
   * Load the symbol's newest bars into memory on its first read. Under the symbol's lock, so no
   * append lands between the read and the first append to the tail.
   */
  private async warm(symbol: string): Promise<void> {
    const { recent } = this;
    if (!recent.enabled || recent.has(symbol)) return;
    await this.locked(symbol, async () => {
      if (recent.has(symbol)) return;
      const newest = await this.store.lastBefore(
        symbol,
        this.cursorOf(symbol).next,
        recent.capacity,
      );
      this.dbReads.read("tail", newest.length);
      recent.load(symbol, newest, newest.length < recent.capacity);
    });
  }

  /** Minutes still to generate before `untilMs`, summed over the catalog (for the progress bar). */
  pendingMinutes(catalog: readonly CatalogEntry[], untilMs: number): number {
    let total = 0;
    for (const entry of catalog)
      total += Math.max(
        0,
        (untilMs - this.cursor(entry.ticker).next) / MINUTE_MS,
      );
    return total;
  }

  private locked<T>(symbol: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(symbol) ?? Promise.resolve();
    const run = previous.then(work, work);
    this.locks.set(
      symbol,
      run.catch(() => undefined),
    );
    return run;
  }
}
