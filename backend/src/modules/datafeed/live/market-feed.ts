import { MINUTE_MS } from "@tradewire/client";
import type { QuoteData } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../bus/bus";
import type { Clock } from "../../../clock";
import type { BarHistory } from "../bar-history";
import { ContinuousFeeds } from "../continuous/continuous-feeds";
import type { ContinuousSeries } from "../continuous/continuous-series";
import type { SymbolCatalog } from "../symbol-catalog";
import { type CatalogEntry, type MinuteBar, type Trade } from "../market";
import type { BarStore } from "../store/bar-store";
import { takeOverFeed } from "./feed-repair";
import type { LiveFeed } from "./live-feed";
import { MarketFollower } from "./market-follower";
import { publishTick } from "./market-message";
import type { MarketMetrics } from "./market-metrics";
import { storedQuote } from "./stored-quote";
import { SymbolFeed } from "./symbol-feed";

/** Longer than this behind (a stalled process), a feed catches up in bulk instead of minute by minute. */
const BULK_CATCH_UP = 5 * MINUTE_MS;

interface Active {
  readonly entry: CatalogEntry;
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
  /** Continuous series (`ES1!`): followed live through their contracts' feeds. */
  readonly continuous?: {
    readonly series: ContinuousSeries;
    readonly catalog: SymbolCatalog;
  };
  /** Set when instances share the market: one leader simulates, the others follow it. */
  readonly cluster?: {
    readonly bus: Bus;
    readonly catalog: readonly CatalogEntry[];
    readonly metrics: MarketMetrics;
    readonly leading: boolean;
  };
}

/**
 * Runs the simulator in real time, only for symbols someone needs (a live topic or, later, an open
 * order): `acquire` starts a symbol, the last `release` stops it. Each tick releases the trades
 * the clock has passed, stores every minute that closed, and tells the symbol's listeners.
 *
 * In a cluster the leader does so for every symbol and publishes each tick's events; a follower
 * never simulates: its active symbols follow the leader's events (see MarketFollower).
 */
export class MarketFeed {
  private readonly active = new Map<string, Active>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private leading: boolean;
  private readonly follower: MarketFollower | null;
  /** A cluster leader holds every catalog symbol: followers' sockets may need any of them. */
  private pinned = false;
  private readonly continuous: ContinuousFeeds | null;

  constructor(private readonly options: MarketFeedOptions) {
    const { cluster } = options;
    this.leading = cluster?.leading ?? true;
    this.follower = cluster
      ? new MarketFollower({
          bus: cluster.bus,
          history: options.history,
          seed: options.seed,
          metrics: cluster.metrics,
          log: options.log,
        })
      : null;
    this.continuous = options.continuous
      ? new ContinuousFeeds({
          ...options.continuous,
          clock: options.clock,
          log: options.log,
          acquire: (entry) => this.acquireContract(entry),
          release: (ticker) => this.release(ticker),
        })
      : null;
  }

  get activeSymbols(): string[] {
    return [...this.active.keys(), ...(this.continuous?.activeSymbols ?? [])];
  }

  /**
   * Keep a symbol live until `release`: a contract's own feed, or a continuous series following
   * the feed of its contract in force (on a follower too: it follows the contracts' events).
   */
  acquire(entry: CatalogEntry): Promise<LiveFeed> {
    if (entry.continuous) {
      if (!this.continuous)
        throw new Error(`${entry.ticker}: continuous series are not set up`);
      return this.continuous.acquire(entry);
    }
    return this.acquireContract(entry);
  }

  private acquireContract(entry: CatalogEntry): Promise<SymbolFeed> {
    const existing = this.active.get(entry.ticker);
    if (existing) {
      existing.refs += 1;
      return existing.ready;
    }
    const slot: Active = {
      entry,
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
        if (this.active.get(entry.ticker) === slot) {
          this.active.delete(entry.ticker);
          if (this.follower && !this.leading)
            void this.follower.unfollow(entry.ticker);
        }
        throw err;
      },
    );
    this.active.set(entry.ticker, slot);
    if (this.follower && !this.leading) this.follower.follow(entry, slot.ready);
    else this.ensureTimer();
    return slot.ready;
  }

  release(ticker: string): void {
    if (this.continuous?.has(ticker)) {
      this.continuous.release(ticker);
      return;
    }
    const slot = this.active.get(ticker);
    if (!slot) return;
    slot.refs -= 1;
    if (slot.refs > 0) return;
    this.active.delete(ticker);
    if (this.follower && !this.leading) void this.follower.unfollow(ticker);
    if (this.active.size === 0) this.stopTimer();
  }

  /**
   * Advance every active symbol to the clock; ticks never overlap. A follower only waits until
   * the events it received are applied.
   */
  async tick(): Promise<void> {
    if (this.follower && !this.leading) await this.follower.settled();
    else {
      this.ticking ??= this.advanceAll().finally(() => {
        this.ticking = null;
      });
      await this.ticking;
    }
    await this.continuous?.poll();
  }

  async stop(): Promise<void> {
    this.leading = false;
    this.stopTimer();
    await this.ticking;
    await this.follower?.unfollowAll();
    this.active.clear();
  }

  /** Cluster leader: hold every catalog symbol, so each is simulated, stored and published. */
  async pinAll(): Promise<void> {
    const { cluster, log } = this.options;
    if (!cluster || this.pinned) return;
    this.pinned = true;
    await Promise.all(
      cluster.catalog.map((entry) =>
        this.acquire(entry).catch((err: unknown) =>
          log.error(
            { err, symbol: entry.ticker },
            "market symbol failed to start",
          ),
        ),
      ),
    );
  }

  /**
   * Follower becomes leader: stop following, store what is missing up to now (the history's
   * catch-up: no gap, no duplicate), bring every active feed to the current minute, and simulate
   * from there, the current minute continuing after the trades already delivered here.
   */
  async lead(): Promise<void> {
    const { history, seed, clock, cluster } = this.options;
    if (!cluster || !this.follower || this.leading) return;
    await this.follower.unfollowAll();
    const slots = [...this.active.values()];
    await Promise.allSettled(slots.map((s) => s.ready));
    const current = Math.floor(clock.now() / MINUTE_MS) * MINUTE_MS;
    // Stored minutes this instance has not heard of yet, read while it is still a reader.
    const unseen = new Map<SymbolFeed, MinuteBar[]>();
    for (const { feed } of slots)
      if (feed) unseen.set(feed, await history.catchUp(feed.entry, current));
    await history.setWriter(true, cluster.catalog);
    for (const [feed, read] of unseen)
      await takeOverFeed(feed, history, seed, current, read);
    this.leading = true;
    if (this.active.size > 0) this.ensureTimer();
    await this.pinAll();
  }

  /** Leader becomes follower: stop simulating; active feeds follow the new leader's events. */
  async follow(): Promise<void> {
    const { history, cluster } = this.options;
    if (!cluster || !this.follower || !this.leading) return;
    this.leading = false;
    this.stopTimer();
    await this.ticking;
    await history.setWriter(false, cluster.catalog);
    if (this.pinned) {
      this.pinned = false;
      for (const entry of cluster.catalog) this.release(entry.ticker);
    }
    for (const slot of this.active.values()) {
      slot.feed?.stopSimulating();
      this.follower.follow(slot.entry, slot.ready);
    }
  }

  private async activate(entry: CatalogEntry): Promise<SymbolFeed> {
    const { history, seed, clock } = this.options;
    const now = clock.now();
    const minuteStart = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const quote = await storedQuote(this.options, entry, minuteStart);
    const { lastClose, next } = history.cursor(entry.ticker);
    const feed = new SymbolFeed(entry, seed, quote, lastClose);
    if (!this.leading) {
      // The current minute's trades come with the leader's first event.
      feed.followMinute(minuteStart, lastClose);
      feed.quotedUntil = next;
      return feed;
    }
    feed.beginMinute(minuteStart, lastClose);
    feed.reveal(now);
    return feed;
  }

  /** The symbol's quote now: live when it is active, else rebuilt from its stored minutes. */
  async quoteOf(entry: CatalogEntry): Promise<QuoteData> {
    if (entry.continuous && this.continuous) {
      // Briefly live: the series resolves its contract in force and relabels its quote.
      const feed = await this.continuous.acquire(entry);
      const quote = feed.quote.quote();
      this.continuous.release(entry.ticker);
      return quote;
    }
    const live = this.active.get(entry.ticker)?.feed;
    if (live) return live.quote.quote();
    return (
      await storedQuote(
        this.options,
        entry,
        Math.floor(this.options.clock.now() / MINUTE_MS) * MINUTE_MS,
      )
    ).quote();
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
    const fromMinute = feed.minuteStart;
    const fromIndex = feed.delivered;
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
    if (this.options.cluster)
      publishTick(this.options.cluster, this.options.log, feed, {
        fromMinute,
        fromIndex,
        trades,
        closed,
      });
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
