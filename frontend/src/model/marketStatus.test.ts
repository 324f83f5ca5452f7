import { describe, expect, it } from "vitest";
import { marketStatusAt, marketStatusText, zoneName } from "./marketStatus";

const STOCK = { session: "0930-1600:23456", timezone: "America/New_York" };
const FX = { session: "1700-1700:23456", timezone: "America/New_York" };
const CRYPTO = { session: "24x7", timezone: "Etc/UTC" };

describe("marketStatusAt", () => {
  it("is open inside a stock's session and names the next open in New York outside it", () => {
    // Wednesday 2026-11-25 15:00 UTC = 10:00 New York.
    expect(marketStatusAt(STOCK, Date.UTC(2026, 10, 25, 15))).toEqual({
      open: true,
      zone: "New York",
    });
    // 21:30 UTC = 16:30 New York: opens Thursday 09:30 (14:30 UTC, EST).
    expect(marketStatusAt(STOCK, Date.UTC(2026, 10, 25, 21, 30))).toEqual({
      open: false,
      zone: "New York",
      nextOpen: Date.UTC(2026, 10, 26, 14, 30),
      nextOpenLabel: "Thu 09:30 New York",
    });
  });

  it("goes over the weekend to Monday, and before the open on a trading day to that day", () => {
    const saturday = marketStatusAt(STOCK, Date.UTC(2026, 10, 28, 15));
    expect(marketStatusText(saturday)).toBe(
      "Market closed — opens Mon 09:30 New York",
    );
    expect(saturday.nextOpen).toBe(Date.UTC(2026, 10, 30, 14, 30));
    // Monday 13:00 UTC = 08:00 New York.
    expect(
      marketStatusAt(STOCK, Date.UTC(2026, 10, 30, 13)).nextOpenLabel,
    ).toBe("Mon 09:30 New York");
  });

  it("follows daylight saving time: 09:30 New York is 13:30 UTC in summer", () => {
    // Saturday 2026-07-04.
    expect(marketStatusAt(STOCK, Date.UTC(2026, 6, 4, 12)).nextOpen).toBe(
      Date.UTC(2026, 6, 6, 13, 30),
    );
  });

  it("opens FX on Sunday 17:00 New York for Monday's session and closes it Friday 17:00", () => {
    expect(marketStatusAt(FX, Date.UTC(2026, 10, 25, 3)).open).toBe(true);
    // Friday 2026-11-27 23:00 UTC = 18:00 New York: closed until Sunday 17:00.
    const closed = marketStatusAt(FX, Date.UTC(2026, 10, 27, 23));
    expect(closed.open).toBe(false);
    expect(closed.nextOpenLabel).toBe("Sun 17:00 New York");
    expect(closed.nextOpen).toBe(Date.UTC(2026, 10, 29, 22));
  });

  it("never closes 24x7", () => {
    expect(marketStatusAt(CRYPTO, Date.UTC(2026, 10, 28, 15))).toEqual({
      open: true,
      zone: "UTC",
    });
  });

  it("names zones by their city", () => {
    expect(zoneName("America/New_York")).toBe("New York");
    expect(zoneName("Europe/London")).toBe("London");
    expect(zoneName("Etc/UTC")).toBe("UTC");
  });
});
