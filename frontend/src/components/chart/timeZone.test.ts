import { describe, expect, it } from "vitest";
import {
  formatCrosshair,
  formatTick,
  offsetLabel,
  TICK,
  zoneLabel,
  zoneOf,
  zoneOffsetMinutes,
} from "./timeZone";

const s = (iso: string) => Date.parse(iso) / 1000;

describe("chart time zones", () => {
  it("resolves the setting to a zone", () => {
    expect(zoneOf("UTC", "America/New_York")).toBe("UTC");
    expect(zoneOf("exchange", "America/New_York")).toBe("America/New_York");
    expect(zoneOf("local")).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
  });

  it("follows New York across daylight saving time", () => {
    // 2026: DST from 8 March to 1 November.
    expect(
      zoneOffsetMinutes("America/New_York", Date.parse("2026-01-15T12:00:00Z")),
    ).toBe(-300);
    expect(
      zoneOffsetMinutes("America/New_York", Date.parse("2026-07-15T12:00:00Z")),
    ).toBe(-240);
    expect(
      zoneLabel("America/New_York", Date.parse("2026-12-01T14:00:00Z")),
    ).toBe("New York (UTC\u22125)");
    expect(
      zoneLabel("America/New_York", Date.parse("2026-07-01T14:00:00Z")),
    ).toBe("New York (UTC\u22124)");
    // The switch itself: 07:00 UTC on 8 March 2026 is 03:00 EDT (02:00 EST never happens).
    expect(
      formatTick(
        s("2026-03-08T06:59:00Z"),
        TICK.Time,
        "America/New_York",
        false,
      ),
    ).toBe("01:59");
    expect(
      formatTick(
        s("2026-03-08T07:00:00Z"),
        TICK.Time,
        "America/New_York",
        false,
      ),
    ).toBe("03:00");
  });

  it("labels half-hour zones and UTC", () => {
    expect(offsetLabel(330)).toBe("UTC+5:30");
    expect(zoneLabel("Asia/Kolkata", Date.parse("2026-01-01T00:00:00Z"))).toBe(
      "Kolkata (UTC+5:30)",
    );
    expect(zoneLabel("UTC", 0)).toBe("UTC");
    expect(zoneLabel("Etc/UTC", 0)).toBe("UTC");
  });

  it("formats the same instant per zone", () => {
    const t = s("2026-12-01T14:30:00Z");
    expect(formatCrosshair(t, "UTC", false)).toBe("Tue 01 Dec '26 14:30");
    expect(formatCrosshair(t, "America/New_York", false)).toBe(
      "Tue 01 Dec '26 09:30",
    );
    expect(formatCrosshair(t, "Europe/London", false)).toBe(
      "Tue 01 Dec '26 14:30",
    );
    expect(formatCrosshair(t, "Asia/Tokyo", false)).toBe(
      "Tue 01 Dec '26 23:30",
    );
    expect(formatTick(t, TICK.DayOfMonth, "Asia/Tokyo", false)).toBe("1");
    expect(formatTick(t, TICK.Month, "UTC", false)).toBe("Dec");
    expect(formatTick(t, TICK.Year, "UTC", false)).toBe("2026");
  });

  it("reads daily bars as dates, whatever the zone", () => {
    const day = s("2026-12-01T00:00:00Z");
    expect(formatCrosshair(day, "America/New_York", true)).toBe(
      "Tue 01 Dec '26",
    );
    expect(formatTick(day, TICK.DayOfMonth, "America/New_York", true)).toBe(
      "1",
    );
  });
});
