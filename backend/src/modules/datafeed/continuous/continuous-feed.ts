import type { QuoteData } from "@tradewire/client";
import type { Clock } from "../../../clock";
import type { LiveFeed } from "../live/live-feed";
import type { FeedEvent, FeedListener, SymbolFeed } from "../live/symbol-feed";
import type { CatalogEntry, MarketBar } from "../market";
import type { ContinuousSeries } from "./continuous-series";

export interface ContinuousFeedDeps {
  readonly series: ContinuousSeries;
  readonly clock: Clock;
  /** The contract's own feed, kept live while this series follows it. */
  acquire(contract: string): Promise<SymbolFeed>;
  release(contract: string): void;
  onError(err: unknown): void;
}

/**
 * A continuous series live (`ES1!`): the feed of the contract in force under the default policy
 * (volume), unadjusted, as TradingView's live continuous bars are. At the roll it moves to the
 * next contract: events of the old one from the roll on are dropped, the new one's follow. Rolls
 * happen at the start of a trading day, after the daily halt, so a bar of a day or less starts
 * afresh on the new contract and a weekly or monthly one continues with its minutes, exactly
 * like the stitched history.
 */
export class ContinuousFeed implements LiveFeed {
  readonly listeners = new Set<FeedListener>();
  readonly quote = { quote: (): QuoteData => this.relabel() };
  private checkAt: number;
  /** Events held while the schedule is being checked; dropped if the contract changes. */
  private held: FeedEvent[] | null = null;
  private checking: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(
    readonly entry: CatalogEntry,
    private inner: SymbolFeed,
    private readonly deps: ContinuousFeedDeps,
    checkAt: number,
  ) {
    this.checkAt = checkAt;
    inner.listeners.add(this.onInner);
  }

  static async open(
    entry: CatalogEntry,
    deps: ContinuousFeedDeps,
  ): Promise<ContinuousFeed> {
    const { schedule, checkAt } = await deps.series.live(entry);
    const contract = schedule.contractAt(deps.clock.now());
    const inner = await deps.acquire(contract);
    return new ContinuousFeed(entry, inner, deps, checkAt);
  }

  /** The contract followed now. */
  get contract(): string {
    return this.inner.entry.ticker;
  }

  get minuteStart(): number {
    return this.inner.minuteStart;
  }

  formingMinute(): MarketBar | null {
    return this.inner.formingMinute();
  }

  /** Check for a roll now (called on every market tick too, so a quiet contract still rolls). */
  poll(): Promise<void> {
    if (this.held === null && this.deps.clock.now() >= this.checkAt) {
      this.held = [];
      this.checking = this.check().catch((err: unknown) => {
        this.flush();
        this.deps.onError(err);
      });
    }
    return this.checking;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.inner.listeners.delete(this.onInner);
    this.deps.release(this.inner.entry.ticker);
  }

  private readonly onInner: FeedListener = (event) => {
    void this.poll();
    if (this.held !== null) this.held.push(event);
    else this.emit(event);
  };

  private async check(): Promise<void> {
    const { schedule, checkAt } = await this.deps.series.live(this.entry);
    this.checkAt = checkAt;
    const contract = schedule.contractAt(this.deps.clock.now());
    if (this.stopped || contract === this.inner.entry.ticker) {
      this.flush();
      return;
    }
    const next = await this.deps.acquire(contract);
    if (this.stopped) {
      this.deps.release(contract);
      return;
    }
    const old = this.inner;
    old.listeners.delete(this.onInner);
    this.inner = next;
    next.listeners.add(this.onInner);
    this.deps.release(old.entry.ticker);
    // The old contract's events held meanwhile are of minutes the new one serves.
    this.held = null;
    this.emit({ trades: [], closed: [], switched: contract });
  }

  private flush(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.emit(event);
  }

  private emit(event: FeedEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The contract's quote under the series' name; `original_name` says which contract it is. */
  private relabel(): QuoteData {
    const quote = this.inner.quote.quote();
    return {
      ...quote,
      n: this.entry.ticker,
      v: {
        ...quote.v,
        short_name: this.entry.ticker,
        description: this.entry.description,
        original_name: `${this.inner.entry.exchange}:${this.inner.entry.ticker}`,
      },
    };
  }
}
