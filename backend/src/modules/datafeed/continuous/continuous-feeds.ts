import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../clock";
import type { SymbolFeed } from "../live/symbol-feed";
import type { CatalogEntry } from "../market";
import type { SymbolCatalog } from "../symbol-catalog";
import { ContinuousFeed } from "./continuous-feed";
import type { ContinuousSeries } from "./continuous-series";

interface Slot {
  refs: number;
  readonly ready: Promise<ContinuousFeed>;
}

/** The live continuous series someone needs, each holding its contract's feed; refcounted. */
export class ContinuousFeeds {
  private readonly active = new Map<string, Slot>();

  constructor(
    private readonly deps: {
      readonly series: ContinuousSeries;
      readonly catalog: SymbolCatalog;
      readonly clock: Clock;
      readonly log: FastifyBaseLogger;
      acquire(entry: CatalogEntry): Promise<SymbolFeed>;
      release(ticker: string): void;
    },
  ) {}

  has(ticker: string): boolean {
    return this.active.has(ticker);
  }

  acquire(entry: CatalogEntry): Promise<ContinuousFeed> {
    const existing = this.active.get(entry.ticker);
    if (existing) {
      existing.refs += 1;
      return existing.ready;
    }
    const { series, catalog, clock, log } = this.deps;
    const ready = ContinuousFeed.open(entry, {
      series,
      clock,
      acquire: (contract) => this.deps.acquire(catalog.require(contract)),
      release: (contract) => this.deps.release(contract),
      onError: (err) =>
        log.error(
          { err, symbol: entry.ticker },
          "continuous roll check failed",
        ),
    });
    const slot: Slot = { refs: 1, ready };
    this.active.set(entry.ticker, slot);
    ready.catch(() => {
      if (this.active.get(entry.ticker) === slot)
        this.active.delete(entry.ticker);
    });
    return ready;
  }

  release(ticker: string): void {
    const slot = this.active.get(ticker);
    if (!slot) return;
    slot.refs -= 1;
    if (slot.refs > 0) return;
    this.active.delete(ticker);
    void slot.ready.then(
      (feed) => feed.stop(),
      () => undefined,
    );
  }

  /** Let every series check for its roll (the market ticked). */
  async poll(): Promise<void> {
    const feeds = await Promise.allSettled(
      [...this.active.values()].map((s) => s.ready),
    );
    await Promise.all(
      feeds.map((f) =>
        f.status === "fulfilled" ? f.value.poll() : Promise.resolve(),
      ),
    );
  }

  get activeSymbols(): string[] {
    return [...this.active.keys()];
  }
}
