import type { ChannelParams } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { ManualClock } from "@tradewire/client/testing";
import type { ChannelClient } from "../../transport/ws/channel";
import type { Quote } from "../../model/quote";
import { LivePriceSource } from "./livePrices";

/** A quotes channel the test feeds by hand. */
function fakeQuotes() {
  const listeners = new Map<string, (q: Quote) => void>();
  const params: ChannelParams<"quotes">[] = [];
  const client: ChannelClient<ChannelParams<"quotes">, Quote> = {
    subscribe(id, p, listener) {
      listeners.set(id, listener);
      params.push(p);
      return Promise.resolve({
        ok: true,
        topic: `quotes:${JSON.stringify(p)}`,
      });
    },
    unsubscribe: (id) => void listeners.delete(id),
  };
  const push = (symbol: string, last: number) => {
    for (const listener of listeners.values())
      listener({
        symbol,
        last,
        bid: last,
        ask: last,
        spread: 0,
        change: 0,
        changePercent: 0,
        open: last,
        high: last,
        low: last,
        prevClose: last,
        volume: 0,
      });
  };
  return { client, params, push };
}

describe("LivePriceSource", () => {
  it("subscribes a symbol's quotes once and serves their last price", () => {
    const quotes = fakeQuotes();
    const source = new LivePriceSource(quotes.client, new ManualClock());
    expect(source.price("AAPL")).toBeUndefined();
    source.watch("AAPL");
    source.watch("AAPL");
    expect(quotes.params).toEqual([{ symbols: ["AAPL"] }]);
    quotes.push("AAPL", 233.1);
    expect(source.price("AAPL")).toBe(233.1);
  });

  it("knows the tick sizes of the listed tickers and ticks while someone listens", () => {
    const clock = new ManualClock();
    const source = new LivePriceSource(fakeQuotes().client, clock);
    expect(source.tickSize("EURUSD")).toBe(0.00001);
    expect(source.tickSize("NOPE")).toBeUndefined();
    let ticks = 0;
    const stop = source.onTick(() => (ticks += 1));
    clock.advance(1_000);
    expect(ticks).toBe(2);
    stop();
    clock.advance(1_000);
    expect(ticks).toBe(2);
  });
});
