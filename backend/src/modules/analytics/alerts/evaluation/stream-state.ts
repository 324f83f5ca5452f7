import type { Bar } from "@tradewire/client";
import type { TradePrint } from "../../../../contracts/bar-streams";
import {
  createIndicator,
  type Indicator,
  type IndicatorLines,
  type IndicatorOptions,
  type IndicatorParams,
} from "../../indicators/math";
import type { AlertCondition } from "../model";
import { START_BARS_MAX } from "../../indicators/warmup";
import { PriceWindow } from "./price-window";

/**
 * Closed bars a stream keeps and an indicator warms on: as many as the `indicators` channel reads
 * at most, so an alert's RSI is the one on the trader's chart (Wilder smoothing forgets its start
 * only after ~20x its period).
 */
export const KEPT_BARS = START_BARS_MAX;

type IndicatorStudy = Extract<
  AlertCondition,
  { type: "indicator-cross" }
>["indicator"];

/** One indicator shared by every rule on the stream that names the same study. */
export interface SharedIndicator {
  /** The value the forming bar gives at the current trade; null while warming up. */
  current(): IndicatorLines | null;
}

interface Shared<T> {
  readonly value: T;
  refs: number;
}

interface IndicatorSlot {
  readonly indicator: Indicator;
  peekedAt: number;
  peeked: IndicatorLines | null;
}

/**
 * What the rules of one stream read at each trade: the forming bar as of that trade, the closed
 * bars before it, and the windows and indicators they share (each computed once per trade).
 */
export class StreamState {
  /** The forming bar as of the trade being evaluated; null before its first trade. */
  forming: Bar | null = null;
  /** The trade being evaluated. */
  trade: TradePrint | null = null;
  private tradeCount = 0;
  private closed: Bar[] = [];
  /** prefix[i]: total volume of closed[0..i). */
  private prefix: number[] = [0];
  private readonly windows = new Map<number, Shared<PriceWindow>>();
  private readonly indicators = new Map<string, Shared<IndicatorSlot>>();

  constructor(private readonly indicatorOptions: IndicatorOptions) {}

  /** Start from the stream's history and forming bar. */
  warm(history: readonly Bar[], forming: Bar | null): void {
    for (const bar of history) this.close(bar);
    this.forming = forming;
  }

  /** One trade, inside the bar opened at `barTime` (null when the stream has no bar for it). */
  onTrade(trade: TradePrint, barTime: number | null): void {
    this.trade = trade;
    this.tradeCount++;
    const f = this.forming;
    if (barTime === null) this.forming = null;
    else if (f && f.time === barTime)
      this.forming = {
        time: f.time,
        open: f.open,
        high: Math.max(f.high, trade.price),
        low: Math.min(f.low, trade.price),
        close: trade.price,
        volume: f.volume + trade.size,
      };
    else
      this.forming = {
        time: barTime,
        open: trade.price,
        high: trade.price,
        low: trade.price,
        close: trade.price,
        volume: trade.size,
      };
    for (const { value } of this.windows.values())
      value.push(trade.time, trade.price);
  }

  /** A bar that closed, final as the datafeed gives it. */
  close(bar: Bar): void {
    this.closed.push(bar);
    this.prefix.push((this.prefix.at(-1) ?? 0) + bar.volume);
    if (this.closed.length > 2 * KEPT_BARS) {
      this.closed = this.closed.slice(-KEPT_BARS);
      const base = this.prefix.at(-KEPT_BARS - 1) ?? 0;
      this.prefix = this.prefix.slice(-KEPT_BARS - 1).map((v) => v - base);
    }
    for (const { value } of this.indicators.values()) value.indicator.push(bar);
    if (this.forming?.time === bar.time) this.forming = null;
  }

  /** Average volume of the last `count` closed bars; null while fewer have closed. */
  averageVolume(count: number): number | null {
    const n = this.closed.length;
    if (n < count) return null;
    return ((this.prefix[n] ?? 0) - (this.prefix[n - count] ?? 0)) / count;
  }

  /** The shared window of `windowMs` (it sees trades from now on); release it when done. */
  window(windowMs: number): { window: PriceWindow; release: () => void } {
    const entry = this.acquire(
      this.windows,
      windowMs,
      () => new PriceWindow(windowMs),
    );
    return {
      window: entry,
      release: () => this.release(this.windows, windowMs),
    };
  }

  /** The shared indicator of `study`, warmed on the kept closed bars; release it when done. */
  indicator(study: IndicatorStudy): {
    indicator: SharedIndicator;
    release: () => void;
  } {
    const params: IndicatorParams = study.params ?? {};
    const key = `${study.kind}:${JSON.stringify(params, Object.keys(params).sort())}`;
    const slot = this.acquire(this.indicators, key, () => {
      const indicator = createIndicator(
        study.kind,
        params,
        this.indicatorOptions,
      );
      for (const bar of this.closed.slice(-KEPT_BARS)) indicator.push(bar);
      return { indicator, peekedAt: -1, peeked: null };
    });
    const current = (): IndicatorLines | null => {
      if (slot.peekedAt !== this.tradeCount) {
        slot.peekedAt = this.tradeCount;
        slot.peeked = this.forming ? slot.indicator.peek(this.forming) : null;
      }
      return slot.peeked;
    };
    return {
      indicator: { current },
      release: () => this.release(this.indicators, key),
    };
  }

  private acquire<K, T>(map: Map<K, Shared<T>>, key: K, make: () => T): T {
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { value: make(), refs: 0 }));
    entry.refs++;
    return entry.value;
  }

  private release<K, T>(map: Map<K, Shared<T>>, key: K): void {
    const entry = map.get(key);
    if (entry && --entry.refs === 0) map.delete(key);
  }
}
