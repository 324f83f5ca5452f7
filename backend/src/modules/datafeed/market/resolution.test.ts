import { describe, expect, it } from "vitest";
import {
  bucketEnd,
  bucketStart,
  parseResolution,
  requireResolution,
} from "./resolution";

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe("parseResolution", () => {
  it("reads minutes, days, weeks and months, with D/W/M meaning one", () => {
    const parsed = (r: string) => {
      const p = parseResolution(r);
      return p === null ? null : [p.unit, p.count, p.canonical];
    };
    expect(parsed("1")).toEqual(["minute", 1, "1"]);
    expect(parsed("15")).toEqual(["minute", 15, "15"]);
    expect(parsed("240")).toEqual(["minute", 240, "240"]);
    expect(parsed("99999")).toEqual(["minute", 99999, "99999"]);
    expect(parsed("D")).toEqual(["day", 1, "1D"]);
    expect(parsed("1D")).toEqual(["day", 1, "1D"]);
    expect(parsed("2D")).toEqual(["day", 2, "2D"]);
    expect(parsed("W")).toEqual(["week", 1, "1W"]);
    expect(parsed("1W")).toEqual(["week", 1, "1W"]);
    expect(parsed("M")).toEqual(["month", 1, "1M"]);
    expect(parsed("3M")).toEqual(["month", 3, "3M"]);
    expect(parsed("12M")).toEqual(["month", 12, "12M"]);
  });

  it("rejects anything else", () => {
    for (const bad of [
      "",
      "0",
      "01",
      "0D",
      "100000",
      "100D",
      "1S",
      "10S",
      "1T",
      "1H",
      "d",
      "1d",
      "D1",
      "1.5",
      " 1",
      "-5",
      "1DW",
    ]) {
      expect(parseResolution(bad), bad).toBeNull();
    }
    expect(() => requireResolution("1H")).toThrow(RangeError);
  });
});

describe("bucketStart", () => {
  it("aligns N-minute bars to multiples of N minutes since the UTC epoch", () => {
    expect(bucketStart("15", utc("2026-03-09T14:37:12.345"))).toBe(
      utc("2026-03-09T14:30:00"),
    );
    expect(bucketStart("15", utc("2026-03-09T14:30:00"))).toBe(
      utc("2026-03-09T14:30:00"),
    );
    expect(bucketStart("1", utc("2026-03-09T14:37:59.999"))).toBe(
      utc("2026-03-09T14:37:00"),
    );
    expect(bucketStart("60", utc("2026-03-09T14:37:00"))).toBe(
      utc("2026-03-09T14:00:00"),
    );
    expect(bucketStart("240", utc("2026-03-09T14:37:00"))).toBe(
      utc("2026-03-09T12:00:00"),
    );
    // 7 does not divide an hour: buckets count from the epoch, not from the hour.
    const seven = bucketStart("7", utc("2026-03-09T14:37:00"));
    expect(seven % (7 * 60_000)).toBe(0);
    expect(seven).toBe(utc("2026-03-09T14:36:00"));
  });

  it("puts a daily bar at 00:00 UTC of its date", () => {
    expect(bucketStart("1D", utc("2026-03-09T23:59:59.999"))).toBe(
      utc("2026-03-09T00:00:00"),
    );
    expect(bucketStart("D", utc("2026-03-10T00:00:00"))).toBe(
      utc("2026-03-10T00:00:00"),
    );
  });

  it("starts weeks on Monday 00:00 UTC", () => {
    // Sunday 2026-03-08 belongs to the week of Monday 2026-03-02.
    expect(bucketStart("1W", utc("2026-03-08T23:00:00"))).toBe(
      utc("2026-03-02T00:00:00"),
    );
    expect(bucketStart("W", utc("2026-03-09T00:00:00"))).toBe(
      utc("2026-03-09T00:00:00"),
    );
    expect(
      new Date(bucketStart("2W", utc("2026-03-12T00:00:00"))).getUTCDay(),
    ).toBe(1);
  });

  it("starts months on the first at 00:00 UTC", () => {
    expect(bucketStart("1M", utc("2026-03-31T23:59:59"))).toBe(
      utc("2026-03-01T00:00:00"),
    );
    expect(bucketStart("M", utc("2026-02-01T00:00:00"))).toBe(
      utc("2026-02-01T00:00:00"),
    );
    // 3M buckets are calendar quarters.
    expect(bucketStart("3M", utc("2026-05-15T12:00:00"))).toBe(
      utc("2026-04-01T00:00:00"),
    );
    expect(bucketStart("12M", utc("2026-05-15T12:00:00"))).toBe(
      utc("2026-01-01T00:00:00"),
    );
  });
});

describe("bucketEnd", () => {
  it("ends a bucket where the next one starts, months included", () => {
    expect(bucketEnd("15", utc("2026-03-09T14:30:00"))).toBe(
      utc("2026-03-09T14:45:00"),
    );
    expect(bucketEnd("1W", utc("2026-03-02T00:00:00"))).toBe(
      utc("2026-03-09T00:00:00"),
    );
    expect(bucketEnd("1M", utc("2026-02-01T00:00:00"))).toBe(
      utc("2026-03-01T00:00:00"),
    );
    expect(bucketEnd("3M", utc("2026-10-01T00:00:00"))).toBe(
      utc("2027-01-01T00:00:00"),
    );
  });
});
