import type { QuoteData } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { MarketData } from "../../../contracts/market-data";
import type { AccountBook } from "./account-book";

type OnQuote = (
  accountId: string,
  symbol: string,
  quote: QuoteData,
) => Promise<void>;

interface Watch {
  readonly accounts: Set<string>;
  stop: (() => void) | null;
}

/**
 * The live quotes the broker needs: one market-data watch per symbol that some account has open
 * orders or a position in, shared by all such accounts, dropped when the last one no longer needs
 * it (so the simulator stops for it too).
 */
export class QuoteWatches {
  private readonly watches = new Map<string, Watch>();
  private readonly byAccount = new Map<string, Set<string>>();

  constructor(
    private readonly market: MarketData,
    private readonly log: FastifyBaseLogger,
    private readonly onQuote: OnQuote,
  ) {}

  isWatching(symbol: string): boolean {
    return this.watches.get(symbol)?.stop != null;
  }

  /** Make the account's watches match what its book holds now. */
  async sync(book: AccountBook): Promise<void> {
    const wanted = book.watchedSymbols();
    const had = this.byAccount.get(book.accountId) ?? new Set<string>();
    for (const symbol of had)
      if (!wanted.has(symbol)) this.leave(book.accountId, symbol);
    for (const symbol of wanted)
      if (!had.has(symbol)) await this.join(book.accountId, symbol);
    if (wanted.size > 0) this.byAccount.set(book.accountId, wanted);
    else this.byAccount.delete(book.accountId);
  }

  /** Stop every watch the account had, as for a book that no longer needs any. */
  drop(accountId: string): Promise<void> {
    for (const symbol of this.byAccount.get(accountId) ?? [])
      this.leave(accountId, symbol);
    this.byAccount.delete(accountId);
    return Promise.resolve();
  }

  async stopAll(): Promise<void> {
    for (const watch of this.watches.values()) watch.stop?.();
    this.watches.clear();
    this.byAccount.clear();
    return Promise.resolve();
  }

  private async join(accountId: string, symbol: string): Promise<void> {
    let watch = this.watches.get(symbol);
    if (watch) {
      watch.accounts.add(accountId);
      return;
    }
    watch = { accounts: new Set([accountId]), stop: null };
    this.watches.set(symbol, watch);
    const current = watch;
    const stop = await this.market.watch(symbol, (quote) => {
      for (const account of current.accounts) {
        this.onQuote(account, symbol, quote).catch((err: unknown) =>
          this.log.error({ err, account, symbol }, "matching failed"),
        );
      }
    });
    if (this.watches.get(symbol) === current) current.stop = stop;
    else stop();
  }

  private leave(accountId: string, symbol: string): void {
    const watch = this.watches.get(symbol);
    if (!watch) return;
    watch.accounts.delete(accountId);
    if (watch.accounts.size > 0) return;
    this.watches.delete(symbol);
    watch.stop?.();
  }
}
