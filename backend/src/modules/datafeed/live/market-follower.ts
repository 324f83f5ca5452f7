import { MINUTE_MS } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../bus/bus";
import { marketChannel } from "../../../cluster/channels";
import type { BarHistory } from "../bar-history";
import type { CatalogEntry, MinuteBar, Trade } from "../market";
import { applyBars, repairFeed } from "./feed-repair";
import type { MarketMetrics } from "./market-metrics";
import {
  decodeMarketEvent,
  placeTrades,
  type MarketEvent,
} from "./market-message";
import type { SymbolFeed } from "./symbol-feed";

interface Link {
  readonly stop: Promise<() => Promise<void>>;
  /** Events of the symbol applied one after another (a repair reads the database). */
  queue: Promise<void>;
}

export interface MarketFollowerDeps {
  readonly bus: Bus;
  readonly history: BarHistory;
  readonly seed: number;
  readonly metrics: MarketMetrics;
  readonly log: FastifyBaseLogger;
}

/**
 * A follower's side of the market: the leader's events of each symbol its sockets need, applied
 * to the local feeds so their listeners (quotes, bars, bar streams, broker marks) see the
 * leader's market. Events it already has are dropped; a jump (missed events) is repaired from the
 * stored minutes and the deterministic market.
 */
export class MarketFollower {
  private readonly links = new Map<string, Link>();

  constructor(private readonly deps: MarketFollowerDeps) {}

  /** Subscribe before the feed is built, so nothing published meanwhile is lost. */
  follow(entry: CatalogEntry, ready: Promise<SymbolFeed>): void {
    const link: Link = {
      queue: ready.then(
        () => undefined,
        () => undefined,
      ),
      stop: this.subscribe(entry, (message) => {
        const received = Date.now();
        const event = decodeMarketEvent(message);
        if (!event) {
          this.deps.log.warn(
            { symbol: entry.ticker },
            "malformed market event ignored",
          );
          return;
        }
        this.deps.metrics.received(received - event.publishedAt);
        link.queue = link.queue
          .then(() => ready)
          .then((feed) => this.apply(feed, event))
          .catch((err: unknown) =>
            this.deps.log.error(
              { err, symbol: entry.ticker },
              "market event failed",
            ),
          );
      }),
    };
    this.links.set(entry.ticker, link);
  }

  /** The bus subscription; one that fails is logged (the symbol then shows stored minutes only). */
  private subscribe(
    entry: CatalogEntry,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>> {
    return this.deps.bus
      .subscribe(marketChannel(entry.ticker), handler)
      .catch((err: unknown) => {
        this.deps.log.error(
          { err, symbol: entry.ticker },
          "market channel subscription failed",
        );
        return () => Promise.resolve();
      });
  }

  unfollow(ticker: string): Promise<void> {
    const link = this.links.get(ticker);
    if (!link) return Promise.resolve();
    this.links.delete(ticker);
    return link.stop.then((stop) => stop()).catch(() => undefined);
  }

  /** Stop following every symbol, once the events already received are applied. */
  async unfollowAll(): Promise<void> {
    const tickers = [...this.links.keys()];
    await Promise.all(tickers.map((t) => this.unfollow(t)));
    await this.settled();
  }

  /** Resolves when every event received so far is applied. */
  async settled(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.queue));
  }

  private async apply(feed: SymbolFeed, event: MarketEvent): Promise<void> {
    const { history } = this.deps;
    const before = [feed.minuteStart, feed.delivered] as const;
    if (
      event.toMinute < before[0] ||
      (event.toMinute === before[0] &&
        event.toIndex <= before[1] &&
        event.closed.length === 0)
    )
      return;
    if (
      event.fromMinute > before[0] ||
      (event.fromMinute === before[0] && event.fromIndex > before[1])
    ) {
      this.deps.metrics.repaired();
      const closed = await history.catchUp(feed.entry, event.toMinute);
      await history.observe(feed.entry, [], event.toMinute);
      feed.emit(
        repairFeed(feed, this.deps.seed, closed, {
          minute: event.toMinute,
          prevClose: event.prevClose,
          index: event.toIndex,
        }),
      );
      return;
    }
    const closed = await history.observe(
      feed.entry,
      event.closed,
      event.toMinute,
    );
    const trades: Trade[] = [];
    let bar = 0;
    const barsBefore = (minute: number): MinuteBar[] => {
      const from = bar;
      while (bar < closed.length && (closed[bar] as MinuteBar).time < minute)
        bar++;
      return closed.slice(from, bar);
    };
    for (const { minute, index, trade } of placeTrades(event)) {
      if (minute < feed.minuteStart) continue;
      if (minute === feed.minuteStart && index < feed.delivered) continue;
      applyBars(feed, barsBefore(minute));
      if (minute > feed.minuteStart)
        feed.followMinute(minute, feed.previousClose);
      feed.applyTrades([trade]);
      feed.quotedUntil = Math.max(feed.quotedUntil, minute + MINUTE_MS);
      trades.push(trade);
    }
    applyBars(feed, barsBefore(Number.POSITIVE_INFINITY));
    if (event.toMinute >= feed.minuteStart)
      feed.followMinute(event.toMinute, event.prevClose);
    feed.emit({ trades, closed });
  }
}
