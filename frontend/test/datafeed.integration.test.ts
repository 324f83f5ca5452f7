// @vitest-environment node
import { createRestClient } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ChartFeed, type ChartEvent } from "../src/components/chart/chartFeed";
import { CompareFeed } from "../src/components/chart/compareFeed";
import type { Bar } from "../src/model/bar";
import type { Quote } from "../src/model/quote";
import { createWsAdapter, type WsAdapter } from "../src/transport/ws/wsAdapter";
import { WsClientBase } from "../src/transport/ws/wsClientBase";
import type {
  DatafeedConfiguration,
  HistoryMetadata,
  LibrarySymbolInfo,
  PeriodParams,
  SearchSymbolResultItem,
} from "../src/services/datafeed/contract";
import { DatafeedService } from "../src/services/datafeed/DatafeedService";
import { restMarketApi } from "../src/transport/rest/restMarketApi";
import { SymbolDirectory } from "../src/services/datafeed/symbolDirectory";
import {
  MarketClock,
  startBackend,
  WEDNESDAY_10AM_NY,
  type RealBackend,
} from "./support/backend";
import { until } from "./support/until";

const START = WEDNESDAY_10AM_NY + 20_000;

function promised<T>(
  start: (ok: (value: T) => void, fail: (reason: string) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) =>
    start(resolve, (reason) => reject(new Error(reason))),
  );
}

describe("datafeed services against the real backend (in-process, PGlite)", () => {
  const clock = new MarketClock(START);
  let backend: RealBackend;
  let adapter: WsAdapter;
  let datafeed: DatafeedService;

  beforeAll(async () => {
    backend = await startBackend(clock);
    adapter = createWsAdapter(
      WsClientBase.acquire({ url: backend.wsUrl, WebSocket }),
    );
    const market = restMarketApi(
      createRestClient({ baseUrl: backend.httpUrl }),
    );
    datafeed = new DatafeedService(
      market,
      new SymbolDirectory(market),
      adapter,
    );
  });
  afterAll(async () => {
    datafeed.dispose();
    await adapter.dispose();
    await backend.close();
  });

  const resolve = (symbol: string) =>
    promised<LibrarySymbolInfo>((ok, fail) =>
      datafeed.resolveSymbol(symbol, ok, fail),
    );
  const getBars = (
    info: LibrarySymbolInfo,
    resolution: string,
    period: PeriodParams,
  ) =>
    promised<{ bars: Bar[]; meta?: HistoryMetadata }>((ok, fail) =>
      datafeed.getBars(
        info,
        resolution,
        period,
        (bars, meta) => ok(meta ? { bars, meta } : { bars }),
        fail,
      ),
    );

  it("onReady hands over the server's UDF configuration", async () => {
    const config = await promised<DatafeedConfiguration>((ok) =>
      datafeed.onReady(ok),
    );
    expect(config.supported_resolutions).toEqual(
      expect.arrayContaining(["1", "5", "15", "60", "240", "1D", "1W"]),
    );
    expect(config.supports_search).toBe(true);
  });

  it("searches and resolves symbols with the tick size the ticket needs", async () => {
    const hits = await promised<SearchSymbolResultItem[]>((ok) =>
      datafeed.searchSymbols("EUR", "", "", ok),
    );
    expect(hits[0]?.ticker).toBe("EURUSD");
    expect(await resolve("EURUSD")).toMatchObject({
      ticker: "EURUSD",
      minmov: 1,
      pricescale: 100000,
    });
    await expect(resolve("NOPE")).rejects.toThrow(/unknown symbol/i);
  });

  it("getBars answers countBack bars before `to`, then the older page, in milliseconds", async () => {
    const info = await resolve("AAPL");
    const to = Math.floor(clock.now() / 1000) + 1;
    const first = await getBars(info, "1", {
      from: to - 3600,
      to,
      countBack: 120,
      firstDataRequest: true,
    });
    expect(first.bars).toHaveLength(120);
    expect(first.meta?.noData).toBe(false);
    const times = first.bars.map((b) => b.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t % 60_000 === 0 && t < to * 1000)).toBe(true);

    const oldest = times[0] ?? 0;
    const older = await getBars(info, "1", {
      from: oldest / 1000 - 3600,
      to: oldest / 1000,
      countBack: 60,
      firstDataRequest: false,
    });
    expect(older.bars).toHaveLength(60);
    expect(older.bars.at(-1)?.time).toBeLessThan(oldest);
  });

  it("getBars says noData before the start of history", async () => {
    const info = await resolve("AAPL");
    const page = await getBars(info, "60", {
      from: 0,
      to: 86_400 * 10,
      countBack: 10,
      firstDataRequest: false,
    });
    expect(page.bars).toEqual([]);
    expect(page.meta?.noData).toBe(true);
  });

  it("subscribeBars delivers the forming bar, then live bars, to each subscriber until it unsubscribes", async () => {
    const info = await resolve("BTCUSD");
    const a: Bar[] = [];
    const b: Bar[] = [];
    datafeed.subscribeBars(
      info,
      "1",
      (bar) => a.push(bar),
      "listener-a",
      () => undefined,
    );
    datafeed.subscribeBars(
      info,
      "1",
      (bar) => b.push(bar),
      "listener-b",
      () => undefined,
    );
    await until(() => a.length >= 1 && b.length >= 1, 5000, "the forming bar");
    expect(a[0]?.time).toBe(Math.floor(clock.now() / 60_000) * 60_000);

    await backend.run(90_000);
    await until(
      () => new Set(a.map((x) => x.time)).size >= 2,
      5000,
      "a new minute bar",
    );
    const last = a.at(-1);
    expect(last?.time).toBe(Math.floor(clock.now() / 60_000) * 60_000);
    expect(last?.high).toBeGreaterThanOrEqual(
      Math.max(last?.open ?? 0, last?.close ?? 0),
    );

    datafeed.unsubscribeBars("listener-a");
    const seenByA = a.length;
    const seenByB = b.length;
    await backend.run(10_000);
    await until(() => b.length > seenByB, 5000, "listener-b to keep receiving");
    expect(a).toHaveLength(seenByA);
    datafeed.unsubscribeBars("listener-b");
    await until(
      () => backend.feed.activeSymbols.length === 0,
      5000,
      "the server to stop the symbol",
    );
  });

  it("streams quotes through the adapter as Quote views", async () => {
    const quotes: Quote[] = [];
    const outcome = await adapter.quotes.subscribe(
      "watchlist",
      { symbols: ["AAPL", "EURUSD"] },
      (q) => quotes.push(q),
    );
    expect(outcome).toMatchObject({ ok: true });
    await until(
      () => new Set(quotes.map((q) => q.symbol)).size === 2,
      5000,
      "a quote per symbol",
    );
    const aapl = quotes.find((q) => q.symbol === "AAPL");
    expect(aapl?.ask).toBeGreaterThan(aapl?.bid ?? Infinity);
    expect(aapl?.prevClose).toBeGreaterThan(0);
    adapter.quotes.unsubscribe("watchlist");
  });

  it("drives a chart: history, live updates and an older page", async () => {
    const feed = new ChartFeed(datafeed, { pageSize: 100, now: clock.now });
    const events: ChartEvent[] = [];
    feed.on((e) => events.push(e));
    await feed.load("ETHUSD", "5");
    expect(events.find((e) => e.kind === "reset")).toMatchObject({
      spec: { ticker: "ETHUSD", pricePrecision: 2 },
    });
    expect(feed.series).toHaveLength(100);
    await backend.run(5_000);
    await until(
      () => events.some((e) => e.kind === "update"),
      5000,
      "a live update",
    );
    expect(await feed.loadOlder()).toBe(true);
    expect(feed.series.length).toBeGreaterThan(100);
    feed.stop();
  });

  it("compares a chart with another symbol from /datafeed/bars: the same closes as /history on the chart's bar times", async () => {
    const feed = new ChartFeed(datafeed, { pageSize: 60, now: clock.now });
    await feed.load("BTCUSD", "5");
    const compare = new CompareFeed(
      datafeed,
      feed,
      { kind: "symbol", symbol: "ETHUSD" },
      "BTCUSD",
      "5",
      "none",
      clock.now,
    );
    await until(() => compare.series.length > 0, 5000, "the comparison");
    const eth = await getBars(await resolve("ETHUSD"), "5", {
      from: (feed.series[0]?.time ?? 0) / 1000,
      to: Math.floor(clock.now() / 1000) + 1,
      countBack: 0,
      firstDataRequest: false,
    });
    const closes = new Map(eth.bars.map((b) => [b.time, b.close]));
    expect(compare.series.map((p) => p.time)).toEqual(
      feed.series.map((b) => b.time),
    );
    // Closed bars only: the forming one may have traded between the two reads.
    for (const point of compare.series.slice(0, -1))
      expect(point.value).toBe(closes.get(point.time));
    // `/bars` answers the same bars as `/history`, as objects.
    const objects = await datafeed.bars({
      symbol: "ETHUSD",
      resolution: "5",
      from: (feed.series[0]?.time ?? 0) / 1000,
      to: Math.floor(clock.now() / 1000) + 1,
    });
    expect(objects.slice(0, -1).map((b) => b.close)).toEqual(
      eth.bars.slice(0, -1).map((b) => b.close),
    );

    compare.stop();
    feed.stop();
  });
});
