import { MINUTE_S } from "@tradewire/client";
import type { ConnectionState, StateListener } from "@tradewire/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  T0,
  type Simulation,
} from "../../../test/support/simulation";
import type { Bar } from "../../model/bar";
import type { ConnectionSource } from "../../transport/ws/wsClientBase";
import { simulatedMarketApi } from "../../simulation/rest/simulatedMarketApi";
import { SymbolDirectory } from "./symbolDirectory";
import type {
  DatafeedConfiguration,
  HistoryMetadata,
  LibrarySymbolInfo,
  PeriodParams,
} from "./contract";
import { DatafeedService } from "./DatafeedService";
import type { SimulatedAdapter } from "../../simulation/ws/simulatedAdapter";

function promised<T>(
  start: (
    resolve: (value: T) => void,
    reject: (reason: string) => void,
  ) => void,
): Promise<T> {
  return new Promise((resolve, reject) =>
    start(resolve, (reason) => reject(new Error(reason))),
  );
}

describe("DatafeedService against the simulation", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  const setup = () => {
    sim = simulation();
    return sim.services.datafeed;
  };
  const resolve = (symbol: string) =>
    promised<LibrarySymbolInfo>((ok, fail) =>
      sim.services.datafeed.resolveSymbol(symbol, ok, fail),
    );
  const getBars = (
    info: LibrarySymbolInfo,
    resolution: string,
    period: PeriodParams,
  ) =>
    promised<{ bars: Bar[]; meta: HistoryMetadata | undefined }>((ok, fail) =>
      sim.services.datafeed.getBars(
        info,
        resolution,
        period,
        (bars, meta) => ok({ bars, meta }),
        fail,
      ),
    );

  it("answers onReady asynchronously with the configuration", async () => {
    const datafeed = setup();
    let config: DatafeedConfiguration | undefined;
    datafeed.onReady((c) => (config = c));
    expect(config).toBeUndefined();
    await settle();
    expect(config?.supported_resolutions).toEqual(
      expect.arrayContaining(["1", "5", "15", "60", "240", "1D", "1W"]),
    );
    expect(config?.supports_search).toBe(true);
  });

  it("searches symbols, exact ticker first", async () => {
    const datafeed = setup();
    const items = await promised<{ ticker: string }[]>((ok) =>
      datafeed.searchSymbols("aapl", "", "", ok),
    );
    expect(items[0]?.ticker).toBe("AAPL");
  });

  it("resolves a symbol to TradingView's LibrarySymbolInfo, and refuses an unknown one", async () => {
    setup();
    const info = await resolve("EURUSD");
    expect(info).toMatchObject({
      ticker: "EURUSD",
      pricescale: 100000,
      minmov: 1,
      type: "forex",
    });
    await expect(resolve("NOPE")).rejects.toThrow(/unknown symbol/);
  });

  it("getBars answers countBack bars ending before `to`, and the page before them when scrolled back", async () => {
    setup();
    const info = await resolve("AAPL");
    const to = T0 / 1000 + 1;
    const first = await getBars(info, "1", {
      from: to - 300 * MINUTE_S,
      to,
      countBack: 300,
      firstDataRequest: true,
    });
    expect(first.bars).toHaveLength(300);
    expect(first.meta?.noData).toBe(false);
    const times = first.bars.map((b) => b.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBe(T0);
    const oldest = times[0] ?? 0;

    const older = await getBars(info, "1", {
      from: oldest / 1000 - 100 * MINUTE_S,
      to: oldest / 1000,
      countBack: 100,
      firstDataRequest: false,
    });
    expect(older.bars).toHaveLength(100);
    expect(older.bars[older.bars.length - 1]?.time).toBe(oldest - 60_000);
  });

  it("says noData past the start of history", async () => {
    setup();
    const info = await resolve("AAPL");
    const page = await getBars(info, "1D", {
      from: 0,
      to: 86_400,
      countBack: 10,
      firstDataRequest: false,
    });
    expect(page).toEqual({ bars: [], meta: { noData: true } });
  });

  it("calls each subscriber's own callback and stops only the one that unsubscribes", async () => {
    setup();
    const info = await resolve("BTCUSD");
    const a: Bar[] = [];
    const b: Bar[] = [];
    sim.services.datafeed.subscribeBars(
      info,
      "1",
      (bar) => a.push(bar),
      "guid-a",
      () => undefined,
    );
    sim.services.datafeed.subscribeBars(
      info,
      "1",
      (bar) => b.push(bar),
      "guid-b",
      () => undefined,
    );
    await settle();
    sim.clock.advance(2_000);
    expect(a.length).toBeGreaterThan(1);
    expect(b.length).toBe(a.length);
    sim.services.datafeed.unsubscribeBars("guid-a");
    const before = a.length;
    sim.clock.advance(2_000);
    expect(a.length).toBe(before);
    expect(b.length).toBeGreaterThan(before);
    expect(b[b.length - 1]?.time).toBe(
      Math.floor(sim.clock.now() / 60_000) * 60_000,
    );
  });

  it("asks every bar subscriber to reset after the socket comes back from a reconnect", async () => {
    sim = simulation();
    const states = new Set<StateListener>();
    const connection: ConnectionSource = {
      state: { status: "open", attempt: 0 },
      onState: (listener) => {
        states.add(listener);
        return () => states.delete(listener);
      },
    };
    const emit = (state: ConnectionState) => states.forEach((l) => l(state));
    const simulated = sim.services.adapter as SimulatedAdapter;
    const market = simulatedMarketApi(simulated.server.market);
    const datafeed = new DatafeedService(market, new SymbolDirectory(market), {
      bars: simulated.bars,
      quotes: simulated.quotes,
      connection,
    });
    const info = await promised<LibrarySymbolInfo>((ok, fail) =>
      datafeed.resolveSymbol("AAPL", ok, fail),
    );
    let resets = 0;
    datafeed.subscribeBars(
      info,
      "5",
      () => undefined,
      "g",
      () => (resets += 1),
    );
    emit({ status: "open", attempt: 0 });
    expect(resets).toBe(0);
    emit({ status: "reconnecting", attempt: 1, delayMs: 500 });
    emit({ status: "open", attempt: 0 });
    expect(resets).toBe(1);
    datafeed.dispose();
    emit({ status: "reconnecting", attempt: 1, delayMs: 500 });
    emit({ status: "open", attempt: 0 });
    expect(resets).toBe(1);
  });
});
