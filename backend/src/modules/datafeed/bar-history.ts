import { generateBars, type CatalogEntry, type MinuteBar } from "./market";
import type { ProgressReporter } from "./progress";
import type { BarStore } from "./store/bar-store";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Catch-up is generated and stored a week at a time: bounded memory, smooth progress. */
const CHUNK = 7 * DAY;

interface Cursor {
  /** Start of the first minute not yet generated and stored. */
  next: number;
  /** Close of the newest stored bar (the price the next minute continues from). */
  lastClose: number;
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

  constructor(
    private readonly store: BarStore,
    private readonly seed: number,
  ) {}

  /** Read where each symbol's history ends; symbols without any start at `historyStartMs`. */
  async load(
    catalog: readonly CatalogEntry[],
    historyStartMs: number,
  ): Promise<void> {
    const last = await this.store.lastBars();
    for (const entry of catalog) {
      const bar = last.get(entry.ticker);
      this.cursors.set(
        entry.ticker,
        bar
          ? { next: bar.time + MINUTE, lastClose: bar.close }
          : { next: historyStartMs, lastClose: entry.sim.initialPrice },
      );
    }
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

  /** Generate and store every minute before `untilMs` (a minute boundary); returns the new bars. */
  catchUp(
    entry: CatalogEntry,
    untilMs: number,
    progress?: ProgressReporter,
  ): Promise<MinuteBar[]> {
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
        progress?.advance((to - cursor.next) / MINUTE);
        cursor.next = to;
        const last = bars.at(-1);
        if (last) cursor.lastClose = last.close;
        for (const bar of bars) added.push(bar);
      }
      return added;
    });
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
      if (cursor.next !== minuteStart) return;
      if (bar) await this.store.append(entry.ticker, [bar]);
      cursor.next = minuteStart + MINUTE;
      if (bar) cursor.lastClose = bar.close;
    });
  }

  /** Minutes still to generate before `untilMs`, summed over the catalog (for the progress bar). */
  pendingMinutes(catalog: readonly CatalogEntry[], untilMs: number): number {
    let total = 0;
    for (const entry of catalog)
      total += Math.max(0, (untilMs - this.cursor(entry.ticker).next) / MINUTE);
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
