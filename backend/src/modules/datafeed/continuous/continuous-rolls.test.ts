import { describe, expect, it } from "vitest";
import {
  buildCatalog,
  contractExpiry,
  findSymbol,
  type CatalogEntry,
} from "../market";
import type { StoredBar } from "../store/bar-store";
import { ContinuousMinutes, type MinuteSource } from "./continuous-minutes";
import { withAdjustments, type RollFact } from "./roll-adjustments";
import {
  businessDaysBefore,
  calendarRollTime,
  volumeRollTime,
} from "./roll-schedule";
import { RollSchedule } from "./roll-schedule-view";

const ES1 = findSymbol(
  buildCatalog(Date.UTC(2027, 1, 1)),
  "ES1!",
) as CatalogEntry;
/** Friday 2027-03-19 08:30 Chicago (CDT from March 14): 13:30 UTC. */
const H7_EXPIRY = contractExpiry(2027, 3);
/** Friday 2027-06-18 08:30 CDT. */
const M7_EXPIRY = contractExpiry(2027, 6);
const day = (month: number, date: number) => Date.UTC(2027, month - 1, date);
const utc = (month: number, date: number, hour: number) =>
  Date.UTC(2027, month - 1, date, hour);

/** One 1-minute bar at 15:00 UTC (09:00 or 10:00 Chicago) of a date, standing for that day. */
function bar(
  month: number,
  date: number,
  close: number,
  volume: number,
): StoredBar {
  return {
    time: utc(month, date, 15),
    open: close,
    high: close + 1,
    low: close - 1,
    close,
    volume,
    vwap: close,
    trades: 1,
  };
}

/** A small synthetic history of three contracts, answering reads like BarHistory. */
class Synthetic implements MinuteSource {
  constructor(private readonly bars: Record<string, StoredBar[]>) {}
  private of(ticker: string): StoredBar[] {
    return this.bars[ticker] ?? [];
  }
  range(ticker: string, from: number, to: number) {
    return Promise.resolve(
      this.of(ticker).filter((b) => b.time >= from && b.time < to),
    );
  }
  lastBefore(ticker: string, before: number, count: number) {
    return Promise.resolve(
      this.of(ticker)
        .filter((b) => b.time < before)
        .slice(-count),
    );
  }
  newestTimeBefore(ticker: string, before: number) {
    return Promise.resolve(
      this.of(ticker)
        .filter((b) => b.time < before)
        .at(-1)?.time ?? null,
    );
  }
}

const history = new Synthetic({
  ESH7: [bar(3, 8, 4990, 100), bar(3, 9, 5000, 80), bar(3, 10, 5010, 30)],
  ESM7: [
    bar(3, 8, 5030, 50),
    bar(3, 9, 5040, 90),
    bar(3, 10, 5050, 300),
    bar(6, 7, 5080, 200),
    bar(6, 8, 5090, 150),
    bar(6, 9, 5100, 90),
    bar(6, 10, 5105, 40),
  ],
  ESU7: [
    bar(6, 7, 5130, 20),
    bar(6, 8, 5140, 100),
    bar(6, 9, 5151, 160),
    bar(6, 10, 5160, 400),
  ],
});

describe("roll dates", () => {
  it("calendar: the start of the trading day rollDays business days before the expiry day", () => {
    expect(businessDaysBefore(day(3, 19), 6)).toBe(day(3, 11));
    expect(businessDaysBefore(day(3, 19), 5)).toBe(day(3, 12));
    expect(businessDaysBefore(day(3, 15), 1)).toBe(day(3, 12));
    // Thursday March 11's trading day opens Wednesday 17:00 CST (before the DST change): 23:00 UTC.
    expect(calendarRollTime(ES1, H7_EXPIRY, 6)).toBe(utc(3, 10, 23));
    // June 10's opens June 9 17:00 CDT: 22:00 UTC.
    expect(calendarRollTime(ES1, M7_EXPIRY, 6)).toBe(utc(6, 9, 22));
    // rollDays 0: the expiry day's own trading day, Thursday evening.
    expect(calendarRollTime(ES1, H7_EXPIRY, 0)).toBe(utc(3, 18, 22));
  });

  it("volume: the trading day after the first complete day the next month traded more", () => {
    const march = [
      { day: day(3, 8), front: 100, next: 50 },
      { day: day(3, 9), front: 80, next: 90 },
      { day: day(3, 10), front: 30, next: 300 },
    ];
    // Tuesday the 9th crossed: Wednesday's trading day, from Tuesday 17:00 CST.
    expect(volumeRollTime(ES1, H7_EXPIRY, march, utc(3, 12, 0))).toBe(
      utc(3, 9, 23),
    );
    // Undecided while the crossing day is still trading.
    expect(volumeRollTime(ES1, H7_EXPIRY, march, utc(3, 9, 20))).toBeNull();
    const june = [
      { day: day(6, 7), front: 200, next: 20 },
      { day: day(6, 8), front: 150, next: 100 },
      { day: day(6, 9), front: 90, next: 160 },
    ];
    expect(volumeRollTime(ES1, M7_EXPIRY, june, utc(6, 11, 0))).toBe(
      utc(6, 9, 22),
    );
  });

  it("volume: at the latest the start of the expiry day when the next month never traded more", () => {
    const never = [{ day: day(3, 17), front: 100, next: 10 }];
    expect(volumeRollTime(ES1, H7_EXPIRY, never, utc(3, 18, 21))).toBeNull();
    expect(volumeRollTime(ES1, H7_EXPIRY, never, utc(3, 18, 22))).toBe(
      utc(3, 18, 22),
    );
  });
});

describe("back-adjustment across two rolls", () => {
  // Volume policy on the history above: rolls at 9 March 23:00 and 9 June 22:00 UTC.
  const facts: RollFact[] = [
    {
      time: utc(6, 9, 22),
      tradingDay: day(6, 10),
      from: "ESM7",
      to: "ESU7",
      fromClose: 5100,
      toClose: 5151,
    },
    {
      time: utc(3, 9, 23),
      tradingDay: day(3, 10),
      from: "ESH7",
      to: "ESM7",
      fromClose: 5000,
      toClose: 5040,
    },
  ];
  const rolls = withAdjustments(facts);
  const schedule = new RollSchedule(ES1, rolls, "ESU7");

  it("accumulates the gaps backwards from the newest roll", () => {
    expect(rolls.map((r) => [r.from, r.difference, r.offset])).toEqual([
      ["ESH7", 40, 91],
      ["ESM7", 51, 51],
    ]);
    expect(rolls[0]?.ratio).toBeCloseTo(1.008, 12);
    expect(rolls[0]?.factor).toBeCloseTo(1.008 * 1.01, 12);
    expect(rolls[1]?.factor).toBeCloseTo(1.01, 12);
    expect(schedule.contractAt(utc(3, 9, 22))).toBe("ESH7");
    expect(schedule.contractAt(utc(3, 9, 23))).toBe("ESM7");
    expect(schedule.contractAt(utc(6, 9, 22))).toBe("ESU7");
  });

  const closes = async (adjustment: "none" | "difference" | "ratio") =>
    (
      await new ContinuousMinutes(history, schedule, adjustment).range(
        "ES1!",
        day(3, 1),
        day(7, 1),
      )
    ).map((b) => [new Date(b.time).toISOString().slice(5, 10), b.close]);

  it("none: each contract's own prices, a gap at each roll", async () => {
    expect(await closes("none")).toEqual([
      ["03-08", 4990],
      ["03-09", 5000],
      ["03-10", 5050],
      ["06-07", 5080],
      ["06-08", 5090],
      ["06-09", 5100],
      ["06-10", 5160],
    ]);
  });

  it("difference: older stretches shifted by every later gap, the newest contract unchanged", async () => {
    expect(await closes("difference")).toEqual([
      ["03-08", 4990 + 91],
      ["03-09", 5000 + 91],
      ["03-10", 5050 + 51],
      ["06-07", 5080 + 51],
      ["06-08", 5090 + 51],
      ["06-09", 5100 + 51],
      ["06-10", 5160],
    ]);
  });

  it("ratio: older stretches scaled by every later ratio, unrounded", async () => {
    const got = await closes("ratio");
    const want = [
      4990 * 1.008 * 1.01,
      5000 * 1.008 * 1.01,
      5050 * 1.01,
      5080 * 1.01,
      5090 * 1.01,
      5100 * 1.01,
      5160,
    ];
    expect(got.map(([d]) => d)).toEqual([
      "03-08",
      "03-09",
      "03-10",
      "06-07",
      "06-08",
      "06-09",
      "06-10",
    ]);
    got.forEach(([, close], i) =>
      expect(close).toBeCloseTo(want[i] as number, 9),
    );
    // 5000 * 1.01808 = 5090.4: off the quarter-point grid, as TradingView leaves it.
    expect(got[1]?.[1]).toBeCloseTo(5090.4, 9);
  });

  it("reads the newest minutes back across the rolls, and finds the newest time before a range", async () => {
    const series = new ContinuousMinutes(history, schedule, "difference");
    const last = await series.lastBefore("ES1!", utc(6, 10, 0), 4);
    expect(last.map((b) => b.close)).toEqual([
      5050 + 51,
      5080 + 51,
      5090 + 51,
      5100 + 51,
    ]);
    const crossing = await series.lastBefore("ES1!", utc(3, 11, 0), 3);
    expect(crossing.map((b) => b.close)).toEqual([
      4990 + 91,
      5000 + 91,
      5050 + 51,
    ]);
    expect(await series.newestTimeBefore("ES1!", utc(3, 10, 0))).toBe(
      utc(3, 9, 15),
    );
    expect(await series.newestTimeBefore("ES1!", utc(3, 1, 0))).toBeNull();
  });
});

describe("calendar policy with the same history", () => {
  it("rolls on the Thursdays before expiry and takes the gaps from the day before", async () => {
    // rollDays 6: 10 March 23:00 and 9 June 22:00 UTC; last days before: 10 March and 9 June.
    const facts: RollFact[] = [
      {
        time: calendarRollTime(ES1, H7_EXPIRY, 6),
        tradingDay: day(3, 11),
        from: "ESH7",
        to: "ESM7",
        fromClose: 5010,
        toClose: 5050,
      },
      {
        time: calendarRollTime(ES1, M7_EXPIRY, 6),
        tradingDay: day(6, 10),
        from: "ESM7",
        to: "ESU7",
        fromClose: 5100,
        toClose: 5151,
      },
    ];
    const schedule = new RollSchedule(ES1, withAdjustments(facts), "ESU7");
    const series = await new ContinuousMinutes(
      history,
      schedule,
      "difference",
    ).range("ES1!", day(3, 1), day(7, 1));
    expect(series.map((b) => b.close)).toEqual([
      4990 + 40 + 51,
      5000 + 91,
      5010 + 91,
      5080 + 51,
      5090 + 51,
      5100 + 51,
      5160,
    ]);
  });
});
