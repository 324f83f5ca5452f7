import { describe, expect, it } from "vitest";
import { buildCatalog, findSymbol } from "./catalog";
import type { CatalogEntry } from "./instrument";
import {
  compileSession,
  isSessionOpening,
  isTradingMinute,
  sessionMinuteFraction,
  sessionMinuteIndex,
  sessionStart,
  tradingDay,
} from "./session";
import { utcOffsetMinutes, zonedTimeToUtc } from "./timezone";

const catalog = buildCatalog(Date.UTC(2026, 10, 26));
function entry(ticker: string): CatalogEntry {
  const found = findSymbol(catalog, ticker);
  if (found === undefined) throw new Error(`${ticker} is not listed`);
  return found;
}
const AAPL = entry("AAPL");
const EURUSD = entry("EURUSD");
const BTCUSD = entry("BTCUSD");
const ESZ6 = entry("ESZ6");

/** UTC instant of a New York / Chicago wall-clock time. */
const ny = (y: number, mo: number, d: number, h: number, mi = 0) =>
  zonedTimeToUtc("America/New_York", Date.UTC(y, mo - 1, d, h, mi));
const chicago = (y: number, mo: number, d: number, h: number, mi = 0) =>
  zonedTimeToUtc("America/Chicago", Date.UTC(y, mo - 1, d, h, mi));

describe("time zones", () => {
  it("follow US daylight saving time (2026: March 8 to November 1)", () => {
    expect(utcOffsetMinutes("America/New_York", Date.UTC(2026, 2, 6, 15))).toBe(
      -300,
    );
    expect(utcOffsetMinutes("America/New_York", Date.UTC(2026, 2, 9, 15))).toBe(
      -240,
    );
    expect(utcOffsetMinutes("America/Chicago", Date.UTC(2026, 10, 2, 15))).toBe(
      -360,
    );
    expect(ny(2026, 3, 6, 9, 30)).toBe(Date.UTC(2026, 2, 6, 14, 30));
    expect(ny(2026, 3, 9, 9, 30)).toBe(Date.UTC(2026, 2, 9, 13, 30));
  });
});

describe("US stock session", () => {
  it("trades 09:30-16:00 New York on weekdays only", () => {
    // Friday before the DST change: New York is UTC-5.
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 6, 14, 29))).toBe(false);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 6, 14, 30))).toBe(true);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 6, 15, 0))).toBe(true);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 6, 20, 59))).toBe(true);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 6, 21, 0))).toBe(false);
    // Saturday and Sunday.
    expect(isTradingMinute(AAPL, ny(2026, 3, 7, 11))).toBe(false);
    expect(isTradingMinute(AAPL, ny(2026, 3, 8, 11))).toBe(false);
    // Monday after the change: New York is UTC-4, the session moves an hour earlier in UTC.
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 9, 13, 29))).toBe(false);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 9, 13, 30))).toBe(true);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 9, 19, 59))).toBe(true);
    expect(isTradingMinute(AAPL, Date.UTC(2026, 2, 9, 20, 0))).toBe(false);
    // 03:00 New York on a weekday.
    expect(isTradingMinute(AAPL, ny(2026, 3, 10, 3))).toBe(false);
  });

  it("counts 390 minutes a day, five days a week", () => {
    const session = compileSession(AAPL);
    expect(session.length).toBe(390);
    expect(session.minutesPerWeek).toBe(1950);
    expect(session.opensPerWeek).toBe(5);
    let minutes = 0;
    for (let t = ny(2026, 3, 9, 0); t < ny(2026, 3, 10, 0); t += 60_000) {
      if (isTradingMinute(AAPL, t)) minutes++;
    }
    expect(minutes).toBe(390);
  });

  it("places each minute within the session", () => {
    expect(sessionMinuteIndex(AAPL, ny(2026, 3, 9, 9, 30))).toBe(0);
    expect(sessionMinuteIndex(AAPL, ny(2026, 3, 9, 15, 59))).toBe(389);
    expect(sessionMinuteFraction(AAPL, ny(2026, 3, 9, 12, 45))).toBe(0.5);
    expect(sessionMinuteFraction(AAPL, ny(2026, 3, 9, 17))).toBe(-1);
    expect(isSessionOpening(AAPL, ny(2026, 3, 9, 9, 30))).toBe(true);
    expect(isSessionOpening(AAPL, ny(2026, 3, 9, 9, 31))).toBe(false);
  });
});

describe("FX session", () => {
  it("runs from Sunday 17:00 to Friday 17:00 New York without a daily break", () => {
    expect(isTradingMinute(EURUSD, ny(2026, 3, 8, 16, 59))).toBe(false);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 8, 17))).toBe(true);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 10, 3))).toBe(true);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 10, 16, 59))).toBe(true);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 10, 17))).toBe(true);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 13, 16, 59))).toBe(true);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 13, 17))).toBe(false);
    expect(isTradingMinute(EURUSD, ny(2026, 3, 14, 12))).toBe(false);
    const session = compileSession(EURUSD);
    expect(session.minutesPerWeek).toBe(5 * 1440);
    expect(session.opensPerWeek).toBe(1);
  });

  it("opens only once a week", () => {
    expect(isSessionOpening(EURUSD, ny(2026, 3, 8, 17))).toBe(true);
    expect(isSessionOpening(EURUSD, ny(2026, 3, 10, 17))).toBe(false);
  });

  it("rolls the trading day at 17:00 New York", () => {
    expect(tradingDay(EURUSD, ny(2026, 3, 8, 17))).toBe(Date.UTC(2026, 2, 9));
    expect(tradingDay(EURUSD, ny(2026, 3, 9, 16, 59))).toBe(
      Date.UTC(2026, 2, 9),
    );
    expect(tradingDay(EURUSD, ny(2026, 3, 9, 17))).toBe(Date.UTC(2026, 2, 10));
  });
});

describe("CME futures session", () => {
  it("trades 17:00-16:00 Chicago, Sunday evening to Friday afternoon", () => {
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 1, 16, 59))).toBe(false);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 1, 17))).toBe(true);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 2, 15, 59))).toBe(true);
    // The daily maintenance halt.
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 2, 16))).toBe(false);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 2, 16, 59))).toBe(false);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 2, 17))).toBe(true);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 6, 16))).toBe(false);
    expect(isTradingMinute(ESZ6, chicago(2026, 11, 7, 12))).toBe(false);
    expect(compileSession(ESZ6).opensPerWeek).toBe(5);
  });

  it("stops trading at expiry", () => {
    const expiry = Date.UTC(2026, 11, 18, 14, 30);
    expect(isTradingMinute(ESZ6, expiry - 60_000)).toBe(true);
    expect(isTradingMinute(ESZ6, expiry)).toBe(false);
    expect(isTradingMinute(ESZ6, expiry + 3 * 86_400_000)).toBe(false);
  });

  it("dates an evening trade to the next trading day", () => {
    expect(tradingDay(ESZ6, chicago(2026, 11, 2, 18))).toBe(
      Date.UTC(2026, 10, 3),
    );
    expect(tradingDay(ESZ6, chicago(2026, 11, 3, 9))).toBe(
      Date.UTC(2026, 10, 3),
    );
  });
});

describe("crypto session", () => {
  it("never closes and uses the UTC day", () => {
    expect(isTradingMinute(BTCUSD, Date.UTC(2026, 2, 7, 3))).toBe(true);
    expect(isTradingMinute(BTCUSD, Date.UTC(2026, 2, 8, 23, 59))).toBe(true);
    expect(sessionMinuteIndex(BTCUSD, Date.UTC(2026, 2, 8, 1, 30))).toBe(90);
    expect(tradingDay(BTCUSD, Date.UTC(2026, 2, 8, 23, 59))).toBe(
      Date.UTC(2026, 2, 8),
    );
    expect(compileSession(BTCUSD).opensPerWeek).toBe(0);
  });
});

describe("a long range", () => {
  it("has 390 trading minutes on every weekday over two years", () => {
    const start = Date.UTC(2026, 0, 1);
    const minutes = 1_000_000;
    let open = 0;
    for (let i = 0; i < minutes; i++) {
      if (isTradingMinute(AAPL, start + i * 60_000)) open++;
    }
    // The range ends 2027-11-26 05:40 New York, before that day's open.
    let weekdays = 0;
    for (let day = start; day < Date.UTC(2027, 10, 26); day += 86_400_000) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6) weekdays++;
    }
    expect(open).toBe(weekdays * 390);
  });
});

describe("sessionStart: where a session VWAP restarts", () => {
  it("is the open of the session in progress, in the exchange's time zone across DST", () => {
    // 2026-03-09 is the first Monday of daylight time in New York (09:30 EDT = 13:30 UTC).
    expect(sessionStart(AAPL, ny(2026, 3, 9, 15, 45))).toBe(
      ny(2026, 3, 9, 9, 30),
    );
    expect(sessionStart(AAPL, ny(2026, 3, 9, 15, 45))).toBe(
      Date.UTC(2026, 2, 9, 13, 30),
    );
    expect(sessionStart(AAPL, ny(2026, 3, 6, 9, 30))).toBe(
      Date.UTC(2026, 2, 6, 14, 30),
    );
  });

  it("outside trading hours is the next open: a bar stamped there holds only that session's trades", () => {
    expect(sessionStart(AAPL, ny(2026, 11, 25, 9, 0))).toBe(
      ny(2026, 11, 25, 9, 30),
    );
    expect(sessionStart(AAPL, ny(2026, 11, 27, 17, 0))).toBe(
      ny(2026, 11, 30, 9, 30),
    );
    expect(sessionStart(AAPL, ny(2026, 11, 28, 12, 0))).toBe(
      ny(2026, 11, 30, 9, 30),
    );
  });

  it("follows overnight sessions back to the evening they began, and the UTC day for 24x7", () => {
    // Monday's FX session begins Sunday 17:00 New York.
    expect(sessionStart(EURUSD, ny(2026, 11, 29, 18, 0))).toBe(
      ny(2026, 11, 29, 17, 0),
    );
    expect(sessionStart(EURUSD, ny(2026, 11, 30, 10, 0))).toBe(
      ny(2026, 11, 29, 17, 0),
    );
    expect(sessionStart(EURUSD, ny(2026, 11, 30, 17, 30))).toBe(
      ny(2026, 11, 30, 17, 0),
    );
    expect(sessionStart(BTCUSD, Date.UTC(2026, 10, 28, 23, 59))).toBe(
      Date.UTC(2026, 10, 28),
    );
  });
});
