import { describe, expect, it } from "vitest";
import { minutePeriodAt, sessionStartAt, tradingDayOf } from "./sessionPeriods";

// The real catalog's sessions (backend listings): the server aligns bars to these opens.
const AAPL = { session: "0930-1600:23456", timezone: "America/New_York" };
const EURUSD = { session: "1700-1700:23456", timezone: "America/New_York" };
const BTCUSD = { session: "24x7", timezone: "Etc/UTC" };

const utc = (d: number, h: number, m: number, month = 10) =>
  Date.UTC(2026, month, d, h, m);

describe("minutePeriodAt", () => {
  // Wednesday 2026-11-25, New York on EST (UTC-5): the open 09:30 is 14:30 UTC.
  it("starts AAPL 60 at 09:30, 10:30 ... New York, the last bar 15:30-16:00", () => {
    expect(minutePeriodAt(AAPL, 60, utc(25, 15, 47))).toEqual({
      start: utc(25, 15, 30),
      end: utc(25, 16, 30),
      sessionStart: utc(25, 14, 30),
    });
    expect(minutePeriodAt(AAPL, 60, utc(25, 20, 45))).toEqual({
      start: utc(25, 20, 30),
      end: utc(25, 21, 0),
      sessionStart: utc(25, 14, 30),
    });
    // 09:29 New York, and a Saturday, hold no bar.
    expect(minutePeriodAt(AAPL, 60, utc(25, 14, 29))).toBeNull();
    expect(minutePeriodAt(AAPL, 60, utc(28, 16, 0))).toBeNull();
  });

  it("follows New York's summer time: AAPL 60 at 10:05 EDT is the 09:30 bar, 13:30 UTC", () => {
    expect(minutePeriodAt(AAPL, 60, Date.UTC(2026, 6, 15, 14, 5))?.start).toBe(
      Date.UTC(2026, 6, 15, 13, 30),
    );
  });

  it("starts AAPL 45 at 09:30, 10:15 ... and clips the 15:30 bar at the close", () => {
    expect(minutePeriodAt(AAPL, 45, utc(25, 15, 20))?.start).toBe(
      utc(25, 15, 15),
    );
    // 09:30 + 8 x 45 minutes = 15:30; the session ends at 16:00.
    expect(minutePeriodAt(AAPL, 45, utc(25, 20, 50))).toMatchObject({
      start: utc(25, 20, 30),
      end: utc(25, 21, 0),
    });
  });

  it("starts EURUSD 240 at 17:00 New York: 22:00, 02:00 ... 18:00 UTC, a new session at 22:00", () => {
    // Tuesday's session opened Monday 17:00 New York = 22:00 UTC; 16:59 New York is in 18:00-22:00.
    expect(minutePeriodAt(EURUSD, 240, utc(24, 21, 59))).toEqual({
      start: utc(24, 18, 0),
      end: utc(24, 22, 0),
      sessionStart: utc(23, 22, 0),
    });
    expect(minutePeriodAt(EURUSD, 240, utc(24, 22, 0))).toEqual({
      start: utc(24, 22, 0),
      end: utc(25, 2, 0),
      sessionStart: utc(24, 22, 0),
    });
    // Friday 17:00 New York closes the week; Sunday 17:00 opens Monday's session.
    expect(minutePeriodAt(EURUSD, 240, utc(27, 22, 0))).toBeNull();
    expect(minutePeriodAt(EURUSD, 240, utc(29, 22, 30))?.start).toBe(
      utc(29, 22, 0),
    );
  });

  it("ends a BTCUSD 7 day with a 5-minute 23:55 bar, the next day starting at 00:00 UTC", () => {
    // 1440 = 205 x 7 + 5.
    expect(minutePeriodAt(BTCUSD, 7, utc(25, 23, 58))).toEqual({
      start: utc(25, 23, 55),
      end: utc(26, 0, 0),
      sessionStart: utc(25, 0, 0),
    });
    expect(minutePeriodAt(BTCUSD, 7, utc(26, 0, 6))?.start).toBe(utc(26, 0, 0));
  });
});

describe("tradingDayOf", () => {
  it("counts an FX evening toward the next date and an AAPL session toward its own", () => {
    const monday = sessionStartAt(EURUSD, utc(29, 23, 0));
    expect(monday).toBe(utc(29, 22, 0));
    expect(tradingDayOf(EURUSD, monday!)).toBe(utc(30, 0, 0));
    expect(tradingDayOf(AAPL, utc(25, 14, 30))).toBe(utc(25, 0, 0));
  });
});
