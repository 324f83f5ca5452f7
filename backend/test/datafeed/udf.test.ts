import { DAY_S, HOUR_S } from "@tradewire/client";
import { SchemaValidators } from "@tradewire/client/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startDatafeedApp,
  WEDNESDAY_10AM_NY,
  type DatafeedApp,
} from "../support/datafeed-app";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const validHistory = new SchemaValidators().compile("HistoryResponse", "rest");

describe("UDF endpoints", () => {
  let t: DatafeedApp;
  beforeAll(async () => {
    t = await startDatafeedApp({ clock: new ManualClock(WEDNESDAY_10AM_NY) });
  });
  afterAll(() => t.close());

  it("/config advertises the resolutions, search, time, exchanges and symbol types", async () => {
    const { status, body } = await t.get("/api/v1/datafeed/config");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      supported_resolutions: [
        "1",
        "3",
        "5",
        "15",
        "30",
        "60",
        "120",
        "240",
        "1D",
        "1W",
        "1M",
      ],
      supports_search: true,
      supports_group_request: false,
      supports_marks: false,
      supports_timescale_marks: false,
      supports_time: true,
    });
    const config = body as {
      exchanges: { value: string }[];
      symbols_types: { value: string }[];
    };
    expect(config.exchanges.map((e) => e.value)).toEqual(
      expect.arrayContaining(["", "NASDAQ", "NYSE", "CME"]),
    );
    expect(config.symbols_types.map((s) => s.value).sort()).toEqual([
      "",
      "crypto",
      "forex",
      "futures",
      "stock",
    ]);
  });

  it("/symbols resolves a symbol to LibrarySymbolInfo, by ticker or EXCHANGE:TICKER", async () => {
    const { status, body } = await t.get(
      "/api/v1/datafeed/symbols?symbol=NASDAQ:AAPL",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: "AAPL",
      ticker: "AAPL",
      type: "stock",
      session: "0930-1600:23456",
      timezone: "America/New_York",
      exchange: "NASDAQ",
      minmov: 1,
      pricescale: 100,
      has_intraday: true,
      data_status: "streaming",
    });
  });

  it("/symbols answers an unknown symbol with a UDF error and 404", async () => {
    const { status, body } = await t.get(
      "/api/v1/datafeed/symbols?symbol=NOPE",
    );
    expect(status).toBe(404);
    expect(body).toEqual({
      requestId: expect.any(String) as string,
      s: "error",
      errmsg: 'unknown symbol "NOPE"',
      code: "UNKNOWN_SYMBOL",
      field: "symbol",
    });
  });

  it("/search finds by ticker prefix first, filters by type, and limits", async () => {
    const { body } = await t.get(
      "/api/v1/datafeed/search?query=US&type=forex&limit=3",
    );
    const results = body as { symbol: string; type: string }[];
    expect(results.length).toBe(3);
    expect(results.every((r) => r.type === "forex")).toBe(true);
    expect(results[0]?.symbol.startsWith("USD")).toBe(true);
    const all = (await t.get("/api/v1/datafeed/search?query="))
      .body as unknown[];
    expect(all.length).toBeGreaterThanOrEqual(20);
  });

  it("/history returns parallel arrays in seconds, ascending, with OHLC invariants", async () => {
    const { status, body } = await t.get(
      `/api/v1/datafeed/history?symbol=BTCUSD&resolution=15&from=${NOW_S - 6 * HOUR_S}&to=${NOW_S}`,
    );
    expect(status).toBe(200);
    expect(validHistory(body)).toEqual({ ok: true, value: body });
    const h = body as {
      s: string;
      t: number[];
      o: number[];
      h: number[];
      l: number[];
      c: number[];
      v: number[];
    };
    expect(h.s).toBe("ok");
    expect(h.t.length).toBe(24);
    expect(h.t[0]).toBe(NOW_S - 6 * HOUR_S);
    expect(
      h.t.every((x, i) => i === 0 || x - (h.t[i - 1] as number) === 900),
    ).toBe(true);
    for (const k of ["o", "h", "l", "c", "v"] as const)
      expect(h[k].length).toBe(24);
    h.t.forEach((_, i) => {
      expect(h.l[i]).toBeLessThanOrEqual(
        Math.min(h.o[i] as number, h.c[i] as number),
      );
      expect(h.h[i]).toBeGreaterThanOrEqual(
        Math.max(h.o[i] as number, h.c[i] as number),
      );
      expect(h.v[i]).toBeGreaterThan(0);
    });
  });

  it("/history within HISTORY_CACHE_MINUTES is answered from memory, and counted so in tradewire_history_reads_total", async () => {
    const reads = async () => {
      const samples = parseSamples(await scrape(t.httpUrl));
      return ["cache", "database"].map((source) =>
        valueOf(samples, "tradewire_history_reads_total", { source }),
      );
    };
    const [cacheBefore, databaseBefore] = await reads();
    const { status } = await t.get(
      `/api/v1/datafeed/history?symbol=ETHUSD&resolution=1&from=${NOW_S - HOUR_S}&to=${NOW_S}`,
    );
    expect(status).toBe(200);
    const [cacheAfter, databaseAfter] = await reads();
    expect(cacheAfter).toBeGreaterThan(cacheBefore ?? 0);
    expect(databaseAfter).toBe(databaseBefore);
  });

  it("/history gives countback priority over from", async () => {
    const { body } = await t.get(
      `/api/v1/datafeed/history?symbol=ETHUSD&resolution=5&from=${NOW_S - 600}&to=${NOW_S}&countback=50`,
    );
    const h = body as { t: number[] };
    expect(h.t.length).toBe(50);
    expect(h.t.at(-1)).toBe(NOW_S - 300);
    expect(h.t[0]).toBe(NOW_S - 50 * 300);
  });

  it("/history has no bar for hours a stock does not trade, and daily bars at 00:00 UTC", async () => {
    const night = await t.get(
      `/api/v1/datafeed/history?symbol=AAPL&resolution=1&from=${NOW_S - 10 * HOUR_S}&to=${NOW_S - 8 * HOUR_S}`,
    );
    expect(night.body).toMatchObject({
      s: "no_data",
      nextTime: expect.any(Number) as number,
    });
    const daily = (
      await t.get(
        `/api/v1/datafeed/history?symbol=AAPL&resolution=1D&from=${NOW_S - 3 * DAY_S}&to=${NOW_S}`,
      )
    ).body as { t: number[] };
    expect(daily.t.length).toBeGreaterThanOrEqual(2);
    expect(daily.t.every((x) => x % DAY_S === 0)).toBe(true);
  });

  it("/history answers no_data with nextTime when the range is empty but older data exists", async () => {
    const { status, body } = await t.get(
      `/api/v1/datafeed/history?symbol=BTCUSD&resolution=1&from=${NOW_S - 30 * DAY_S}&to=${NOW_S - 20 * DAY_S}`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({ s: "no_data" });
    const later = await t.get(
      `/api/v1/datafeed/history?symbol=AAPL&resolution=60&from=${NOW_S - 13 * HOUR_S}&to=${NOW_S - 12 * HOUR_S}`,
    );
    const noData = later.body as { s: string; nextTime: number };
    expect(noData.s).toBe("no_data");
    expect(noData.nextTime).toBeLessThan(NOW_S - 13 * HOUR_S);
  });

  it.each([
    [
      "an unknown symbol",
      `symbol=NOPE&resolution=1&from=${NOW_S - HOUR_S}&to=${NOW_S}`,
      404,
      "UNKNOWN_SYMBOL",
    ],
    [
      "a resolution the pattern allows but no period has",
      `symbol=AAPL&resolution=0D&from=${NOW_S - HOUR_S}&to=${NOW_S}`,
      400,
      "UNKNOWN_RESOLUTION",
    ],
    [
      "a malformed resolution",
      `symbol=AAPL&resolution=1H&from=${NOW_S - HOUR_S}&to=${NOW_S}`,
      400,
      "INVALID_PARAMS",
    ],
    [
      "from after to",
      `symbol=AAPL&resolution=1&from=${NOW_S}&to=${NOW_S - HOUR_S}`,
      400,
      "INVALID_RANGE",
    ],
    [
      "an absurd range",
      `symbol=AAPL&resolution=1&from=0&to=${NOW_S}`,
      400,
      "INVALID_RANGE",
    ],
    [
      "a non-numeric from",
      `symbol=AAPL&resolution=1&from=yesterday&to=${NOW_S}`,
      400,
      "INVALID_PARAMS",
    ],
    [
      "a missing symbol",
      `resolution=1&from=${NOW_S - HOUR_S}&to=${NOW_S}`,
      400,
      "INVALID_PARAMS",
    ],
    [
      "a negative countback",
      `symbol=AAPL&resolution=1&from=0&to=${NOW_S}&countback=-5`,
      400,
      "INVALID_PARAMS",
    ],
  ])(
    "/history answers %s with a UDF error, never a 500",
    async (_what, query, status, code) => {
      const res = await t.get(`/api/v1/datafeed/history?${query}`);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ s: "error", code });
      expect(typeof (res.body as { errmsg: string }).errmsg).toBe("string");
    },
  );

  it("/bars returns the same bars as /history, as objects with time in milliseconds", async () => {
    const q = `symbol=MSFT&resolution=30&from=${NOW_S - 5 * HOUR_S}&to=${NOW_S}`;
    const history = (await t.get(`/api/v1/datafeed/history?${q}`)).body as {
      t: number[];
      c: number[];
      v: number[];
    };
    const bars = (
      (await t.get(`/api/v1/datafeed/bars?${q}`)).body as {
        bars: { time: number; close: number; volume: number }[];
      }
    ).bars;
    expect(bars.map((b) => b.time)).toEqual(history.t.map((x) => x * 1000));
    expect(bars.map((b) => b.close)).toEqual(history.c);
    expect(bars.map((b) => b.volume)).toEqual(history.v);
  });

  it("/time answers the server clock in seconds as plain text", async () => {
    const res = await t.get("/api/v1/datafeed/time");
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain/);
    expect(res.text).toBe(String(NOW_S));
  });

  it("/quotes answers each requested symbol in order, with an error entry for an unknown one", async () => {
    const { status, body } = await t.get(
      "/api/v1/datafeed/quotes?symbols=EURUSD,NOPE,AAPL",
    );
    expect(status).toBe(200);
    const q = body as {
      s: string;
      d: { s: string; n: string; v: Record<string, number> }[];
    };
    expect(q.s).toBe("ok");
    expect(q.d.map((d) => [d.s, d.n])).toEqual([
      ["ok", "EURUSD"],
      ["error", "NOPE"],
      ["ok", "AAPL"],
    ]);
    const eur = q.d[0]?.v as Record<string, number>;
    expect(eur.ask).toBeGreaterThan(eur.bid as number);
    expect(eur.spread).toBeCloseTo(
      (eur.ask as number) - (eur.bid as number),
      10,
    );
    expect(eur.ch).toBeCloseTo(
      (eur.lp as number) - (eur.prev_close_price as number),
      10,
    );
    const empty = await t.get("/api/v1/datafeed/quotes?symbols=,");
    expect(empty.status).toBe(400);
  });
});
