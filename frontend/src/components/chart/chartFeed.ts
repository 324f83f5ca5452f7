import type { Bar } from "../../model/bar";
import { toSymbolSpec, type SymbolSpec } from "../../model/symbol";
import type {
  HistoryMetadata,
  IBasicDataFeed,
  LibrarySymbolInfo,
} from "../../services/datafeed/contract";
import type { Adjustment } from "../../model/historyJob";
import { resolutionMs } from "../../model/resolution";

export type ChartEvent =
  | { readonly kind: "loading" }
  | { readonly kind: "error"; readonly message: string }
  /** A new series: replace everything. */
  | {
      readonly kind: "reset";
      readonly bars: readonly Bar[];
      readonly spec: SymbolSpec;
    }
  /** Older bars arrived: `bars` is the whole series, oldest first. */
  | { readonly kind: "prepend"; readonly bars: readonly Bar[] }
  /** The last bar changed or a new one opened. */
  | { readonly kind: "update"; readonly bar: Bar };

export interface ChartFeedOptions {
  /** Bars asked for per request (`countBack`). */
  readonly pageSize?: number;
  readonly now?: () => number;
}

interface Page {
  readonly bars: Bar[];
  readonly meta: HistoryMetadata | undefined;
}

/**
 * Drives one chart from a TradingView-style datafeed, the way the Charting Library would:
 * resolve, first page, live bars, then older pages (`countBack`) as the user scrolls left.
 */
export class ChartFeed {
  private readonly listeners = new Set<(event: ChartEvent) => void>();
  private readonly pageSize: number;
  private readonly now: () => number;
  private bars: Bar[] = [];
  private info: LibrarySymbolInfo | null = null;
  private resolution = "";
  private adjustment: Adjustment = "none";
  private guid: string | null = null;
  private generation = 0;
  private loadingOlder = false;
  private exhausted = false;

  constructor(
    private readonly datafeed: IBasicDataFeed,
    options: ChartFeedOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 300;
    this.now = options.now ?? (() => Date.now());
  }

  get series(): readonly Bar[] {
    return this.bars;
  }

  get lastBar(): Bar | undefined {
    return this.bars[this.bars.length - 1];
  }

  /** True once the server said there is nothing older. */
  get reachedStart(): boolean {
    return this.exhausted;
  }

  on(listener: (event: ChartEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Shows `symbol` at `resolution` (back-adjusted by `adjustment` when it is a continuous
   * future); a later call supersedes an unfinished one.
   */
  async load(
    symbol: string,
    resolution: string,
    adjustment: Adjustment = "none",
  ): Promise<void> {
    this.stopLive();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.bars = [];
    this.exhausted = false;
    this.loadingOlder = false;
    this.emit({ kind: "loading" });
    try {
      const info = await this.resolve(symbol);
      if (!current()) return;
      this.info = info;
      this.resolution = resolution;
      this.adjustment = adjustment;
      const to = Math.floor(this.now() / 1000) + 1;
      const page = await this.page(to, true);
      if (!current()) return;
      this.bars = page.bars;
      // With countBack, fewer bars than asked means the server has no older ones.
      this.exhausted =
        page.meta?.noData === true || page.bars.length < this.pageSize;
      this.emit({ kind: "reset", bars: this.bars, spec: toSymbolSpec(info) });
      this.startLive(info, resolution, generation);
    } catch (error) {
      if (current()) this.emit({ kind: "error", message: String(error) });
    }
  }

  /** Prepends the page before the oldest bar; false when there was nothing (more) to load. */
  async loadOlder(): Promise<boolean> {
    const first = this.bars[0];
    if (!first || this.exhausted || this.loadingOlder) return false;
    const generation = this.generation;
    this.loadingOlder = true;
    try {
      const page = await this.page(first.time / 1000, false);
      if (generation !== this.generation) return false;
      const older = page.bars.filter((b) => b.time < first.time);
      if (page.meta?.noData === true || older.length === 0) {
        this.exhausted = true;
        return false;
      }
      this.bars = [...older, ...this.bars];
      this.exhausted = page.bars.length < this.pageSize;
      this.emit({ kind: "prepend", bars: this.bars });
      return true;
    } catch {
      // A failed page can be asked for again by scrolling.
      return false;
    } finally {
      if (generation === this.generation) this.loadingOlder = false;
    }
  }

  stop(): void {
    this.generation += 1;
    this.stopLive();
  }

  private startLive(
    info: LibrarySymbolInfo,
    resolution: string,
    generation: number,
  ): void {
    const guid = `chart:${info.ticker}:${resolution}:${generation}`;
    this.guid = guid;
    this.datafeed.subscribeBars(
      info,
      resolution,
      (bar) => {
        if (this.guid === guid) this.applyLive(bar);
      },
      guid,
      () => {
        // Bars may be missing after a reconnect: start over with fresh history.
        if (this.guid === guid)
          void this.load(info.ticker, resolution, this.adjustment);
      },
    );
  }

  private stopLive(): void {
    if (this.guid === null) return;
    this.datafeed.unsubscribeBars(this.guid);
    this.guid = null;
  }

  private applyLive(bar: Bar): void {
    const last = this.lastBar;
    // The chart cannot draw a bar older than its last one; a late update is simply stale.
    if (last && bar.time < last.time) return;
    if (last && bar.time === last.time) this.bars[this.bars.length - 1] = bar;
    else this.bars.push(bar);
    this.emit({ kind: "update", bar });
  }

  private resolve(symbol: string): Promise<LibrarySymbolInfo> {
    return new Promise((resolve, reject) =>
      this.datafeed.resolveSymbol(symbol, resolve, (reason) =>
        reject(new Error(reason)),
      ),
    );
  }

  private page(to: number, firstDataRequest: boolean): Promise<Page> {
    const info = this.info;
    if (!info) return Promise.reject(new Error("no symbol"));
    // Months vary in length: 31 days is enough for the window's start (countBack does the rest).
    const month = /M$/.test(this.resolution) ? 31 * 86_400_000 : 60_000;
    const span = (resolutionMs(this.resolution) ?? month) / 1000;
    const periodParams = {
      from: Math.max(0, Math.floor(to - span * this.pageSize)),
      to: Math.floor(to),
      countBack: this.pageSize,
      firstDataRequest,
      adjustment: this.adjustment,
    };
    return new Promise((resolve, reject) =>
      this.datafeed.getBars(
        info,
        this.resolution,
        periodParams,
        (bars, meta) => resolve({ bars, meta }),
        (reason) => reject(new Error(reason)),
      ),
    );
  }

  private emit(event: ChartEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
