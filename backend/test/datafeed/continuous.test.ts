import { OrderType, Side } from "@tradewire/client";
import type { Bar, QuoteData } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { ManualClock } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

/**
 * Continuous futures over real HTTP and a real socket, on a history that holds the December 2026
 * ES roll: ESZ6 expires Friday 18 December; the simulated volume crosses over on Thursday the
 * 10th, so the volume policy rolls at the start of Friday the 11th's trading day (Thursday 17:00
 * Chicago, 23:00 UTC) and the calendar policy (6 business days) at the start of the 10th's.
 */
const VOLUME_ROLL = Date.UTC(2026, 11, 10, 23);
const CALENDAR_ROLL = Date.UTC(2026, 11, 9, 23);
/** Thursday 10 December 16:58:30 Chicago: in the daily halt, two minutes before the volume roll. */
const BEFORE_ROLL = VOLUME_ROLL - 90_000;
const day = (date: number) => Date.UTC(2026, 11, date) / 1000;

interface Roll {
  time: number;
  tradingDay: number;
  from: string;
  to: string;
  fromClose: number;
  toClose: number;
  difference: number;
  ratio: number;
  offset: number;
  factor: number;
}
interface RollsBody {
  symbol: string;
  roll: string;
  rollDays: number;
  contract: string;
  rolls: Roll[];
}
interface UdfBars {
  s: string;
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

describe("continuous futures (ES1!, ES2!)", () => {
  const clock = new ManualClock(BEFORE_ROLL);
  let t: TradingApp;
  const get = <T>(path: string) =>
    t.request<T>("GET", `/api/v1/datafeed${path}`);
  const daily = async (query: string) =>
    (
      await get<UdfBars>(
        `/history?${query}&resolution=1D&from=${day(7)}&to=${day(12)}`,
      )
    ).body;

  beforeAll(async () => {
    // From Saturday 5 December: the whole roll week of both contracts is stored.
    t = await startTradingApp({ clock, env: { BACKFILL_DAYS: "5" } });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    expect(takeViolations()).toEqual([]);
  });

  it("follows the front contract live and switches to the next one at the roll, over a real socket", async () => {
    const s = await TestSocket.open(t.wsUrl);
    try {
      await s.subscribe("quotes", { symbols: ["ES1!"] });
      const before = (await s.nextOfType("quotes.update")).payload
        .payload as QuoteData;
      expect(before.n).toBe("ES1!");
      expect(before.v.original_name).toBe("CME:ESZ6");
      await s.subscribe("bars", { symbol: "ES1!", resolution: "1" });
      await t.run(4 * 60_000);
      await s.ping();
      const quotes = s.frames
        .filter((f) => f.type === "quotes.update")
        .map((f) => f.payload.payload as QuoteData);
      const after = quotes.at(-1) as QuoteData;
      expect(after.n).toBe("ES1!");
      expect(after.v.original_name).toBe("CME:ESH7");
      // Every quote after the switch is the new contract's own.
      const esh7 = (await get<{ d: QuoteData[] }>("/quotes?symbols=ESH7")).body
        .d[0];
      expect(after.v.lp).toBe(esh7?.v.lp);
      const bars = s.frames
        .filter((f) => f.type === "bars.update")
        .map((f) => f.payload.payload as Bar);
      // Nothing trades in the halt; the first bars after it are ESH7's minutes, stored alike.
      expect(bars.length).toBeGreaterThan(0);
      expect(bars.every((b) => b.time >= VOLUME_ROLL)).toBe(true);
      const stored = (
        await get<UdfBars>(
          `/history?symbol=ESH7&resolution=1&from=${VOLUME_ROLL / 1000}&to=${VOLUME_ROLL / 1000 + 120}`,
        )
      ).body;
      const closedBars = bars.filter((b) => b.time < VOLUME_ROLL + 120_000);
      // 23:00 and 23:01 have closed (the clock is at 23:02:30): their last updates are the whole minutes.
      const lastOfEach = new Map(closedBars.map((b) => [b.time, b]));
      expect([...lastOfEach.keys()]).toEqual([
        VOLUME_ROLL,
        VOLUME_ROLL + 60_000,
      ]);
      for (const [time, bar] of lastOfEach) {
        const i = stored.t.indexOf(time / 1000);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(bar.close).toBe(stored.c[i]);
        expect(bar.volume).toBe(stored.v[i]);
      }
    } finally {
      s.close();
    }
    await until(
      () => t.datafeed?.feed.activeSymbols.length === 0,
      3000,
      "every symbol stopped",
    );
  });

  it("opens bar streams on the series (as alerts use them) with the bars /bars stitches", async () => {
    const events: unknown[] = [];
    const stream = await t.datafeed!.stream("ES1!", "60", 5, (e) =>
      events.push(e),
    );
    stream.stop();
    const { bars } = (
      await get<{ bars: Bar[] }>(
        `/bars?symbol=ES1!&resolution=60&from=0&to=${VOLUME_ROLL / 1000}&countback=5`,
      )
    ).body;
    expect(bars).toHaveLength(5);
    expect(stream.history).toEqual(bars);
    // The hour in progress is ESH7's: the series has rolled.
    const esh7 = (
      await get<{ bars: Bar[] }>(
        `/bars?symbol=ESH7&resolution=1&from=${VOLUME_ROLL / 1000}&to=${VOLUME_ROLL / 1000 + 60}`,
      )
    ).body.bars[0];
    expect(stream.forming?.open).toBe(esh7?.open);
  });

  it("lists the series as futures without expiry, found by search", async () => {
    const { status, body } = await get<Record<string, unknown>>(
      "/symbols?symbol=ES1!",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: "ES1!",
      ticker: "ES1!",
      description: "E-mini S&P 500 Futures, continuous: front contract",
      type: "futures",
      session: "1700-1600:23456",
      timezone: "America/Chicago",
      exchange: "CME",
      minmov: 25,
      pricescale: 100,
    });
    expect(body).not.toHaveProperty("expiration_date");
    expect(
      (await get<Record<string, unknown>>("/symbols?symbol=CME:NQ2!")).body,
    ).toMatchObject({
      description: "E-mini Nasdaq-100 Futures, continuous: second contract",
    });
    const found = (
      await get<{ symbol: string }[]>("/search?query=ES")
    ).body.map((r) => r.symbol);
    expect(found).toEqual(
      expect.arrayContaining(["ESZ6", "ESH7", "ESM7", "ES1!", "ES2!"]),
    );
    const quotes = (await get<{ d: QuoteData[] }>("/quotes?symbols=ES1!,ES2!"))
      .body.d;
    expect(quotes.map((q) => [q.n, q.v.original_name])).toEqual([
      ["ES1!", "CME:ESH7"],
      ["ES2!", "CME:ESM7"],
    ]);
  });

  it("rolls on volume the trading day after the next contract first traded more, with the gap of the day before", async () => {
    const z = await daily("symbol=ESZ6");
    const h = await daily("symbol=ESH7");
    const dec = (date: number) => z.t.indexOf(day(date));
    // Wednesday the 9th the front still traded more; Thursday the 10th the next month did.
    expect(z.v[dec(9)]).toBeGreaterThan(h.v[dec(9)] as number);
    expect(h.v[dec(10)]).toBeGreaterThan(z.v[dec(10)] as number);

    const { status, body } = await get<RollsBody>("/rolls?symbol=ES1!");
    expect(status).toBe(200);
    const lastClose = async (symbol: string) =>
      (
        await get<{ bars: Bar[] }>(
          `/bars?symbol=${symbol}&resolution=1&from=0&to=${VOLUME_ROLL / 1000}&countback=1`,
        )
      ).body.bars[0]?.close as number;
    const fromClose = await lastClose("ESZ6");
    const toClose = await lastClose("ESH7");
    // Thursday's daily closes are the last minutes' before the halt.
    expect(fromClose).toBe(z.c[dec(10)]);
    expect(toClose).toBe(h.c[dec(10)]);
    expect(body).toEqual({
      symbol: "ES1!",
      roll: "volume",
      rollDays: 6,
      contract: "ESH7",
      rolls: [
        {
          time: VOLUME_ROLL,
          tradingDay: day(11) * 1000,
          from: "ESZ6",
          to: "ESH7",
          fromClose,
          toClose,
          difference: toClose - fromClose,
          ratio: toClose / fromClose,
          offset: toClose - fromClose,
          factor: toClose / fromClose,
        },
      ],
    });
    // The carry between the months: about a quarter of 3 % a year.
    expect(toClose - fromClose).toBeGreaterThan(30);
    expect(toClose - fromClose).toBeLessThan(80);

    const second = (await get<RollsBody>("/rolls?symbol=ES2!")).body;
    expect(second.contract).toBe("ESM7");
    expect(second.rolls.map((r) => [r.time, r.from, r.to])).toEqual([
      [VOLUME_ROLL, "ESH7", "ESM7"],
    ]);
    expect(second.rolls[0]?.fromClose).toBe(toClose);
  });

  it("rolls on the calendar rollDays business days before the expiry day", async () => {
    const six = (await get<RollsBody>("/rolls?symbol=ES1!&roll=calendar")).body;
    expect(six.rolls.map((r) => [r.time, r.tradingDay, r.from, r.to])).toEqual([
      [CALENDAR_ROLL, day(10) * 1000, "ESZ6", "ESH7"],
    ]);
    const z = await daily("symbol=ESZ6");
    expect(six.rolls[0]?.fromClose).toBe(z.c[z.t.indexOf(day(9))]);
    // Two business days before Friday the 18th is Wednesday the 16th: not reached yet.
    expect(
      (await get<RollsBody>("/rolls?symbol=ES1!&roll=calendar&rollDays=2"))
        .body,
    ).toEqual({
      symbol: "ES1!",
      roll: "calendar",
      rollDays: 2,
      contract: "ESZ6",
      rolls: [],
    });
  });

  it("stitches the contracts' bars and back-adjusts them by each adjustment", async () => {
    const z = await daily("symbol=ESZ6");
    const h = await daily("symbol=ESH7");
    const [roll] = (await get<RollsBody>("/rolls?symbol=ES1!")).body.rolls as [
      Roll,
    ];
    const rolled = (i: number) => (z.t[i] as number) >= day(11);
    const none = await daily("symbol=ES1!");
    expect(none.t).toEqual(z.t);
    expect(none.c).toEqual(z.c.map((c, i) => (rolled(i) ? h.c[i] : c)));
    expect(none.v).toEqual(z.v.map((v, i) => (rolled(i) ? h.v[i] : v)));
    expect((await daily("symbol=ES1!&adjustment=none&roll=volume")).c).toEqual(
      none.c,
    );

    const difference = await daily("symbol=ES1!&adjustment=difference");
    expect(difference.c).toEqual(
      z.c.map((c, i) => (rolled(i) ? h.c[i] : c + roll.offset)),
    );
    expect(difference.l).toEqual(
      z.l.map((l, i) => (rolled(i) ? h.l[i] : l + roll.offset)),
    );

    const ratio = await daily("symbol=ES1!&adjustment=ratio");
    ratio.c.forEach((c, i) =>
      expect(c).toBeCloseTo(
        rolled(i) ? (h.c[i] as number) : (z.c[i] as number) * roll.factor,
        9,
      ),
    );
    // The day before the roll closes at the new contract's price under both back-adjustments.
    expect(difference.c[z.t.indexOf(day(10))]).toBe(roll.toClose);

    // Hourly bars across the roll: ESZ6's before 23:00 UTC, ESH7's from there.
    const hourly = (symbol: string) =>
      get<{ bars: Bar[] }>(
        `/bars?symbol=${symbol}&resolution=60&from=${VOLUME_ROLL / 1000 - 7200}&to=${VOLUME_ROLL / 1000 + 7200}`,
      ).then((r) => r.body.bars);
    const [es1, esz6, esh7] = await Promise.all([
      hourly("ES1!"),
      hourly("ESZ6"),
      hourly("ESH7"),
    ]);
    expect(es1).toEqual([
      ...esz6.filter((b) => b.time < VOLUME_ROLL),
      ...esh7.filter((b) => b.time >= VOLUME_ROLL),
    ]);
  });

  it("refuses orders on a continuous series, naming the contract to trade", async () => {
    const token = await t.login("alice");
    const res = await t.request<{
      code: string;
      field: string;
      message: string;
    }>("POST", "/api/v1/broker/orders", {
      token,
      body: { symbol: "ES1!", type: OrderType.Market, side: Side.Buy, qty: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_ORDER", field: "symbol" });
    expect(res.body.message).toContain("ESH7");
    const orders = await t.request<unknown[]>("GET", "/api/v1/broker/orders", {
      token,
    });
    expect(orders.body).toEqual([]);
  });

  it("answers hostile input with a clear error and changes nothing", async () => {
    const stored = async () =>
      (
        await t.database.db
          .selectFrom("continuous_rolls")
          .select("time")
          .execute()
      ).length;
    const rowsBefore = await stored();
    const cases: [string, number, string, string?][] = [
      ["/rolls?symbol=ES9!", 404, "UNKNOWN_SYMBOL", "symbol"],
      ["/rolls?symbol=AAPL", 400, "INVALID_PARAMS", "symbol"],
      ["/rolls?symbol=ES1!&rollDays=-1", 400, "INVALID_PARAMS", "rollDays"],
      ["/rolls?symbol=ES1!&roll=weekly", 400, "INVALID_PARAMS", "roll"],
      [
        `/bars?symbol=ES9!&resolution=1D&from=${day(7)}&to=${day(12)}`,
        404,
        "UNKNOWN_SYMBOL",
        "symbol",
      ],
      [
        `/bars?symbol=ES1!&resolution=1D&from=${day(7)}&to=${day(12)}&adjustment=foo`,
        400,
        "INVALID_PARAMS",
        "adjustment",
      ],
      [
        `/bars?symbol=ES1!&resolution=1D&from=${day(7)}&to=${day(12)}&rollDays=-1`,
        400,
        "INVALID_PARAMS",
        "rollDays",
      ],
      [
        `/bars?symbol=AAPL&resolution=1D&from=${day(7)}&to=${day(12)}&adjustment=ratio`,
        400,
        "INVALID_PARAMS",
        "adjustment",
      ],
      [
        `/bars?symbol=ESZ6&resolution=1D&from=${day(7)}&to=${day(12)}&roll=calendar`,
        400,
        "INVALID_PARAMS",
        "roll",
      ],
      [
        `/bars?symbol=ESZ6&resolution=1D&from=${day(7)}&to=${day(12)}&rollDays=3`,
        400,
        "INVALID_PARAMS",
        "rollDays",
      ],
    ];
    for (const [path, status, code, field] of cases) {
      const res = await get<{ code: string; field?: string }>(path);
      expect([path, res.status, res.body.code, res.body.field]).toEqual([
        path,
        status,
        code,
        field,
      ]);
    }
    const udf = await get<{ s: string; code: string; field: string }>(
      `/history?symbol=EURUSD&resolution=1D&from=${day(7)}&to=${day(12)}&adjustment=difference`,
    );
    expect([udf.status, udf.body]).toEqual([
      400,
      expect.objectContaining({
        s: "error",
        code: "INVALID_PARAMS",
        field: "adjustment",
      }),
    ]);
    // adjustment=none is what every symbol has: accepted anywhere.
    expect(
      (
        await get(
          `/bars?symbol=AAPL&resolution=1D&from=${day(7)}&to=${day(12)}&adjustment=none`,
        )
      ).status,
    ).toBe(200);
    expect(await stored()).toBe(rowsBefore);
  });
});
