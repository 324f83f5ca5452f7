import { MINUTE_MS } from "@tradewire/client";
import type { QuoteBook } from "../market";
import {
  barsFromTrades,
  simulateMinute,
  type CatalogEntry,
  type MarketBar,
  type MinuteBar,
  type Trade,
} from "../market";

/** What one symbol did since the previous tick: trades printed, and minutes that closed. */
export interface FeedEvent {
  readonly trades: readonly Trade[];
  readonly closed: readonly MinuteBar[];
  /** A continuous series moved to this contract (its roll): what follows is that contract's. */
  readonly switched?: string;
}

export type FeedListener = (event: FeedEvent) => void;

/**
 * The live state of one active symbol: the current minute's simulated trades, released as the
 * clock passes them, and its quote. Closing a minute is the caller's job (it must be stored first).
 */
export class SymbolFeed {
  readonly listeners = new Set<FeedListener>();
  private trades: Trade[] = [];
  private revealed = 0;
  private minute = 0;
  private pendingClose: MinuteBar | null = null;
  /** formingMinute's answer for `formingOf` trades revealed: every listener of an event asks. */
  private forming: MarketBar | null = null;
  private formingOf = -1;
  /**
   * Followed feeds: the quote holds every minute before this one (as trades or as a bar); a closed
   * minute from here on that brought no trade is applied to the quote as a bar.
   */
  quotedUntil = 0;

  constructor(
    readonly entry: CatalogEntry,
    private readonly seed: number,
    readonly quote: QuoteBook,
    private lastClose: number,
  ) {}

  /** Start of the minute being simulated. */
  get minuteStart(): number {
    return this.minute;
  }

  get previousClose(): number {
    return this.lastClose;
  }

  /** Begin the minute at `start`, continuing from `prevClose`. */
  beginMinute(start: number, prevClose: number): void {
    const simulation = simulateMinute(this.entry, this.seed, start, prevClose);
    this.minute = start;
    this.lastClose = prevClose;
    this.trades = simulation.trades;
    this.revealed = 0;
    this.formingOf = -1;
    this.pendingClose = simulation.bar;
  }

  /** Trades of the current minute released so far (their indices are 0 to delivered - 1). */
  get delivered(): number {
    return this.revealed;
  }

  /**
   * Continue the minute at `start` as its simulator, its first `delivered` trades already released
   * (a follower taking the lead): the rest are released as the clock passes them.
   */
  resumeMinute(start: number, prevClose: number): void {
    const delivered = this.minute === start ? this.revealed : 0;
    const released = this.trades.slice(0, delivered);
    this.beginMinute(start, prevClose);
    this.revealed = delivered;
    this.formingOf = -1;
    if (
      released.length > 0 &&
      this.trades[delivered - 1]?.time !== released.at(-1)?.time
    )
      throw new Error(
        `${this.entry.ticker}: resumed minute does not match what was delivered`,
      );
  }

  /**
   * Follow the minute at `start` from another instance's events (no simulation): its trades
   * arrive through `applyTrades`. Keeps what was released when it is the current minute.
   */
  followMinute(start: number, prevClose: number): void {
    this.lastClose = prevClose;
    this.pendingClose = null;
    if (this.minute === start) {
      this.trades.length = this.revealed;
      return;
    }
    this.minute = start;
    this.trades = [];
    this.revealed = 0;
    this.formingOf = -1;
  }

  /** A simulated feed handed to the bus: what it released stays, the rest comes from the leader. */
  stopSimulating(): void {
    this.followMinute(this.minute, this.lastClose);
    this.quotedUntil = this.minute + (this.revealed > 0 ? MINUTE_MS : 0);
  }

  /** Trades of the current minute from another instance, in order, right after those delivered. */
  applyTrades(trades: readonly Trade[]): void {
    for (const trade of trades) {
      this.trades[this.revealed++] = trade;
      this.quote.applyTrade(trade);
    }
  }

  /** Release the trades printed up to `now` (inclusive) and return them. */
  reveal(now: number): Trade[] {
    const out: Trade[] = [];
    while (
      this.revealed < this.trades.length &&
      (this.trades[this.revealed] as Trade).time <= now
    ) {
      const trade = this.trades[this.revealed++] as Trade;
      this.quote.applyTrade(trade);
      out.push(trade);
    }
    return out;
  }

  /** Release the rest of the minute; returns its trades and its bar (null in a quiet minute). */
  finishMinute(): { trades: Trade[]; bar: MinuteBar | null } {
    const trades = this.reveal(Number.POSITIVE_INFINITY);
    const bar = this.pendingClose;
    if (bar) this.lastClose = bar.close;
    return { trades, bar };
  }

  /** The part of the current minute printed so far, as a bar; null before its first trade. */
  formingMinute(): MarketBar | null {
    if (this.revealed === 0) return null;
    if (this.formingOf !== this.revealed) {
      this.forming =
        barsFromTrades(this.trades.slice(0, this.revealed), "1")[0] ?? null;
      this.formingOf = this.revealed;
    }
    return this.forming;
  }

  emit(event: FeedEvent): void {
    if (event.trades.length === 0 && event.closed.length === 0) return;
    for (const listener of this.listeners) listener(event);
  }
}
