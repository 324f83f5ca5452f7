import type { Clock } from "../../../clock";
import type { MarketData } from "../../../contracts/market-data";
import type { AccountBook } from "./account-book";
import type { BrokerEvents } from "./events";

/** At most one P&L update per position per second, and two equity updates per account per second. */
export const POSITION_INTERVAL_MS = 1000;
export const EQUITY_INTERVAL_MS = 500;

/**
 * Quotes move positions' P&L many times a second; subscribers get the latest value at a bounded
 * rate instead (trailing: the last change in a burst is always sent). Fills bypass this: they are
 * published at once by the engine.
 */
export class MarkToMarket {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly last = new Map<string, number>();

  constructor(
    private readonly events: BrokerEvents,
    private readonly market: MarketData,
    private readonly clock: Clock,
  ) {}

  touch(book: AccountBook, symbol: string): void {
    if (!this.events.has(book.accountId)) return;
    this.schedule(`p:${book.accountId}:${symbol}`, POSITION_INTERVAL_MS, () =>
      this.events.emit(book.accountId, {
        kind: "position",
        position: book.positionView(symbol, this.market.instrument(symbol)),
      }),
    );
    this.schedule(`e:${book.accountId}`, EQUITY_INTERVAL_MS, () =>
      this.events.emit(book.accountId, {
        kind: "equity",
        equity: book.equity((s) => this.market.instrument(s), this.clock.now()),
      }),
    );
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(key: string, interval: number, emit: () => void): void {
    if (this.timers.has(key)) return;
    const wait = Math.max(0, (this.last.get(key) ?? 0) + interval - Date.now());
    const run = (): void => {
      this.timers.delete(key);
      this.last.set(key, Date.now());
      emit();
    };
    if (wait === 0) run();
    else this.timers.set(key, setTimeout(run, wait).unref());
  }
}
