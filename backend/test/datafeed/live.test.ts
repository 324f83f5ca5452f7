import type { Bar, QuoteData } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { liveMarket } from "../support/live-market";
import { until } from "../support/test-socket";

describe("live bars and quotes over a real socket", () => {
  const market = liveMarket(1000);
  const { clock, open, run } = market;

  it("sends the forming bar on subscribe, then updates that only touch the last bar or append a newer one", async () => {
    const s = await open();
    const ok = await s.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
    expect(ok.payload).toEqual({
      status: "ok",
      topic: 'bars:{"resolution":"1","symbol":"BTCUSD"}',
    });
    const snapshot = (await s.nextOfType("bars.update")).payload.payload as Bar;
    expect(snapshot.time).toBe(Math.floor(clock.time / 60_000) * 60_000);
    await run(150_000);
    await s.ping();
    const updates = s.frames
      .filter((f) => f.type === "bars.update")
      .map((f) => f.payload.payload as Bar);
    expect(updates.length).toBeGreaterThan(10);
    let last = snapshot;
    for (const bar of updates) {
      expect(bar.time).toBeGreaterThanOrEqual(last.time);
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      if (bar.time === last.time)
        expect(bar.volume).toBeGreaterThanOrEqual(last.volume);
      last = bar;
    }
    const times = [...new Set(updates.map((b) => b.time))];
    expect(times.length).toBeGreaterThanOrEqual(3);
  });

  it("forms the bar of a coarser resolution from the stored minutes plus the live one", async () => {
    const s = await open();
    await s.subscribe("bars", { symbol: "ETHUSD", resolution: "15" });
    const snapshot = (await s.nextOfType("bars.update")).payload.payload as Bar;
    const bucket = Math.floor(clock.time / 900_000) * 900_000;
    expect(snapshot.time).toBe(bucket);
    const stored = (
      await market.app.get(
        `/api/v1/datafeed/bars?symbol=ETHUSD&resolution=1&from=${bucket / 1000}&to=${Math.floor(clock.time / 60_000) * 60}`,
      )
    ).body as { bars: Bar[] };
    const first = stored.bars[0];
    if (first) expect(snapshot.open).toBe(first.open);
    expect(snapshot.volume).toBeGreaterThanOrEqual(
      stored.bars.reduce((sum, b) => sum + b.volume, 0),
    );
  });

  it("sends one quote per symbol on subscribe, then quotes as trades print", async () => {
    const s = await open();
    await s.subscribe("quotes", { symbols: ["AAPL", "EURUSD"] });
    const snapshots = [
      await s.nextOfType("quotes.update"),
      await s.nextOfType("quotes.update"),
    ].map((f) => f.payload.payload as QuoteData);
    expect(snapshots.map((q) => q.n)).toEqual(["AAPL", "EURUSD"]);
    await run(20_000);
    await s.ping();
    const updates = s.frames
      .filter((f) => f.type === "quotes.update")
      .map((f) => f.payload.payload as QuoteData);
    expect(new Set(updates.map((q) => q.n))).toEqual(
      new Set(["AAPL", "EURUSD"]),
    );
    for (const q of updates) {
      expect(q.v.ask).toBeGreaterThan(q.v.bid);
      expect(q.v.low_price).toBeLessThanOrEqual(q.v.lp);
      expect(q.v.high_price).toBeGreaterThanOrEqual(q.v.lp);
    }
  });

  it("runs the simulator only while someone watches: unsubscribe stops the symbol", async () => {
    const s = await open();
    await s.subscribe("bars", { symbol: "SOLUSD", resolution: "5" });
    await s.subscribe("quotes", { symbols: ["SOLUSD", "GBPUSD"] });
    expect(market.app.service.feed.activeSymbols.sort()).toEqual([
      "GBPUSD",
      "SOLUSD",
    ]);
    await s.unsubscribe("quotes", { symbols: ["SOLUSD", "GBPUSD"] });
    await until(
      () => market.app.service.feed.activeSymbols.join() === "SOLUSD",
    );
    await s.unsubscribe("bars", { symbol: "SOLUSD", resolution: "5" });
    await until(() => market.app.service.feed.activeSymbols.length === 0);
    s.frames.length = 0;
    await run(5000);
    await s.ping();
    expect(s.frames.filter((f) => f.type.endsWith(".update"))).toEqual([]);
  });

  it("refuses an unknown symbol or resolution with a code and starts nothing", async () => {
    const s = await open();
    const symbol = await s.subscribe("bars", {
      symbol: "NOPE",
      resolution: "1",
    });
    expect(symbol.payload).toMatchObject({
      status: "error",
      code: "UNKNOWN_SYMBOL",
    });
    const resolution = await s.subscribe("bars", {
      symbol: "AAPL",
      resolution: "0D",
    });
    expect(resolution.payload).toMatchObject({
      status: "error",
      code: "UNKNOWN_RESOLUTION",
    });
    const quotes = await s.subscribe("quotes", { symbols: ["AAPL", "NOPE"] });
    expect(quotes.payload).toMatchObject({
      status: "error",
      code: "UNKNOWN_SYMBOL",
    });
    expect(market.app.service.feed.activeSymbols).toEqual([]);
  });
});
