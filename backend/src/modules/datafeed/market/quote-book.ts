import type { QuoteData } from "@tradewire/client";
import { fromTicks, toTicks, type CatalogEntry } from "./instrument";
import { tradingDay } from "./session";
import type { MarketBar, Trade } from "./types";

/**
 * The quote of one symbol, kept from its trades in order: last, bid/ask, and the current
 * session's open, high, low and volume against the previous session's close. A session is the
 * symbol's trading day (`tradingDay`: New York date for stocks, 17:00-to-17:00 for FX, Chicago
 * trading date for CME futures, UTC day for crypto); the first trade of a new trading day closes
 * the previous one, so between sessions the quote still shows the last session's change, as
 * quote screens do.
 *
 * Prices are held in whole ticks, so change and spread come out exactly on the tick grid.
 */
export class QuoteBook {
  private readonly spreadTicks: number;
  private readonly sizeScale: number;
  private session: number | null = null;
  private prevCloseTicks: number;
  private lastTicks: number;
  private bidTicks: number;
  private askTicks: number;
  private openTicks: number;
  private highTicks: number;
  private lowTicks: number;
  private volumeUnits = 0;

  /**
   * @param previousClose close of the session before the first trade fed in; it is also the
   * quote's last price until then.
   */
  constructor(
    readonly entry: CatalogEntry,
    previousClose: number,
  ) {
    this.spreadTicks = Math.max(1, Math.round(entry.sim.spreadTicks));
    this.sizeScale = 10 ** entry.volume_precision;
    this.prevCloseTicks = toTicks(entry, previousClose);
    this.lastTicks = this.prevCloseTicks;
    this.bidTicks = this.lastTicks - Math.floor(this.spreadTicks / 2);
    this.askTicks = this.bidTicks + this.spreadTicks;
    this.openTicks = this.lastTicks;
    this.highTicks = this.lastTicks;
    this.lowTicks = this.lastTicks;
  }

  /** Trading day (00:00 UTC of its date) of the session the quote describes; null before any. */
  get sessionDay(): number | null {
    return this.session;
  }

  /** A trade at the ask sets the ask, one at the bid sets the bid; the other side is a spread away. */
  applyTrade(trade: Trade): void {
    const price = toTicks(this.entry, trade.price);
    this.enterSession(trade.time, price);
    if (trade.side === 1) {
      this.askTicks = price;
      this.bidTicks = price - this.spreadTicks;
    } else {
      this.bidTicks = price;
      this.askTicks = price + this.spreadTicks;
    }
    this.record(price, price, price, Math.round(trade.size * this.sizeScale));
  }

  /**
   * A whole bar at once: rebuilds the quote after a restart from stored 1-minute bars (replay
   * those of the last two sessions). Bid and ask straddle the close.
   */
  applyBar(bar: MarketBar): void {
    const close = toTicks(this.entry, bar.close);
    this.enterSession(bar.time, toTicks(this.entry, bar.open));
    this.bidTicks = close - Math.floor(this.spreadTicks / 2);
    this.askTicks = this.bidTicks + this.spreadTicks;
    this.record(
      close,
      toTicks(this.entry, bar.high),
      toTicks(this.entry, bar.low),
      Math.round(bar.volume * this.sizeScale),
    );
  }

  /** TradingView `QuoteOkData`. */
  quote(): QuoteData {
    const { entry } = this;
    const prevClose = fromTicks(entry, this.prevCloseTicks);
    const change = fromTicks(entry, this.lastTicks - this.prevCloseTicks);
    return {
      s: "ok",
      n: entry.ticker,
      v: {
        lp: fromTicks(entry, this.lastTicks),
        ask: fromTicks(entry, this.askTicks),
        bid: fromTicks(entry, this.bidTicks),
        spread: fromTicks(entry, this.askTicks - this.bidTicks),
        ch: change,
        // Percent with two decimals, as quote screens show it.
        chp: Math.round((change / prevClose) * 10_000) / 100,
        open_price: fromTicks(entry, this.openTicks),
        high_price: fromTicks(entry, this.highTicks),
        low_price: fromTicks(entry, this.lowTicks),
        prev_close_price: prevClose,
        volume: this.volumeUnits / this.sizeScale,
        short_name: entry.ticker,
        exchange: entry.exchange,
        description: entry.description,
        original_name: `${entry.exchange}:${entry.ticker}`,
      },
    };
  }

  /** Rolls to the trading day of `time` if it is a new one; `open` opens the new session. */
  private enterSession(time: number, open: number): void {
    const day = tradingDay(this.entry, time);
    if (day === this.session) return;
    if (this.session !== null) this.prevCloseTicks = this.lastTicks;
    this.session = day;
    this.openTicks = open;
    this.highTicks = open;
    this.lowTicks = open;
    this.volumeUnits = 0;
  }

  private record(
    last: number,
    high: number,
    low: number,
    volumeUnits: number,
  ): void {
    this.lastTicks = last;
    if (high > this.highTicks) this.highTicks = high;
    if (low < this.lowTicks) this.lowTicks = low;
    this.volumeUnits += volumeUnits;
  }
}
