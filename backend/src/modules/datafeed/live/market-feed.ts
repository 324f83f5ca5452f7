import { MINUTE_MS } from "@tradewire/client";
import type { QuoteData } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { BarHistory } from "../bar-history";
import {
  QuoteBook,
  type CatalogEntry,
  type MinuteBar,
  type Trade,
} from "../market";
import type { BarStore } from "../store/bar-store";
import { SymbolFeed } from "./symbol-feed";

/** Longer than this behind (a stalled process), a feed catches up in bulk instead of minute by minute. */
const BULK_CATCH_UP = 5 * MINUTE_MS;
/** Stored bars replayed into a fresh quote: enough for the previous session's close over a weekend. */
const QUOTE_LOOKBACK = 4 * 86_400_000;

interface Active {
  refs: number;
  ready: Promise<SymbolFeed>;
  feed: SymbolFeed | null;
}

export interface MarketFeedOptions {
  readonly history: BarHistory;
  readonly store: BarStore;
  readonly seed: number;
  readonly clock: Clock;
  readonly tickIntervalMs: number;
  readonly log: FastifyBaseLogger;
}

/**
 * Runs the simulator in real time, only for symbols someone needs (a live topic or, later, an open
 * order): `acquire` starts a symbol, the last `release` stops it. Each tick releases the trades
 * the clock has passed, stores every minute that closed, and tells the symbol's listeners.
 */
export class MarketFeed {
  private readonly active = new Map<string, Active>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(private readonly options: MarketFeedOptions) {}

  get activeSymbols(): string[] {
    return [...this.active.keys()];
  }

  acquire(entry: CatalogEntry): Promise<SymbolFeed> {
    const existing = this.active.get(entry.ticker);
    if (existing) {
      existing.refs += 1;
      return existing.ready;
    }
    const slot: Active = {
      refs: 1,
      feed: null,
      ready: Promise.resolve(null as unknown as SymbolFeed),
    };
    slot.ready = this.activate(entry).then(
      (feed) => {
        slot.feed = feed;
        return feed;
      },
      (err: unknown) => {
        if (this.active.get(entry.ticker) === slot)
          this.active.delete(entry.ticker);
        throw err;
      },
    );
    this.active.set(entry.ticker, slot);
    this.ensureTimer();
    return slot.ready;
  }

  release(ticker: string): void {
    const slot = this.active.get(ticker);
    if (!slot) return;
    slot.refs -= 1;
    if (slot.refs > 0) return;
    this.active.delete(ticker);
    if (this.active.size === 0) this.stopTimer();
  }

  /** Advance every active symbol to the clock; ticks never overlap. */
  tick(): Promise<void> {
    this.ticking ??= this.advanceAll().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  async stop(): Promise<void> {
    this.stopTimer();
    await this.ticking;
    this.active.clear();
  }

  private async activate(entry: CatalogEntry): Promise<SymbolFeed> {
    const { history, seed, clock } = this.options;
    const now = clock.now();
    const minuteStart = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const quote = await this.storedQuote(entry, minuteStart);
    const { lastClose } = history.cursor(entry.ticker);
    const feed = new SymbolFeed(entry, seed, quote, lastClose);
    feed.beginMinute(minuteStart, lastClose);
    feed.reveal(now);
    return feed;
  }

  /** The symbol's quote now: live when it is active, else rebuilt from its stored minutes. */
  async quoteOf(entry: CatalogEntry): Promise<QuoteData> {
    const live = this.active.get(entry.ticker)?.feed;
    if (live) return live.quote.quote();
    return (
      await this.storedQuote(
        entry,
        Math.floor(this.options.clock.now() / MINUTE_MS) * MINUTE_MS,
      )
    ).quote();
  }

  /** A quote from the stored history up to `minuteStart`, brought up to date first. */
  private async storedQuote(
    entry: CatalogEntry,
    minuteStart: number,
  ): Promise<QuoteBook> {
    const { history, store } = this.options;
    await history.catchUp(entry, minuteStart);
    const recent = await store.range(
      entry.ticker,
      minuteStart - QUOTE_LOOKBACK,
      minuteStart,
    );
    const quote = new QuoteBook(
      entry,
      recent[0]?.open ?? history.cursor(entry.ticker).lastClose,
    );
    for (const bar of recent) quote.applyBar(bar);
    return quote;
  }

  private async advanceAll(): Promise<void> {
    const now = this.options.clock.now();
    for (const slot of [...this.active.values()]) {
      if (!slot.feed) continue;
      try {
        await this.advance(slot.feed, now);
      } catch (err) {
        this.options.log.error(
          { err, symbol: slot.feed.entry.ticker },
          "market feed tick failed",
        );
      }
    }
  }

  private async advance(feed: SymbolFeed, now: number): Promise<void> {
    const { history } = this.options;
    const trades: Trade[] = [];
    const closed: MinuteBar[] = [];
    while (now >= feed.minuteStart + MINUTE_MS) {
      const finished = feed.finishMinute();
      for (const t of finished.trades) trades.push(t);
      await history.appendLive(feed.entry, feed.minuteStart, finished.bar);
      if (finished.bar) closed.push(finished.bar);
      let next = feed.minuteStart + MINUTE_MS;
      const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
      if (current - next > BULK_CATCH_UP) {
        for (const bar of await history.catchUp(feed.entry, current)) {
          feed.quote.applyBar(bar);
          closed.push(bar);
        }
        next = current;
      }
      feed.beginMinute(next, history.cursor(feed.entry.ticker).lastClose);
    }
    for (const t of feed.reveal(now)) trades.push(t);
    feed.emit({ trades, closed });
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => void this.tick(),
      this.options.tickIntervalMs,
    );
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
