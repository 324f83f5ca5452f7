import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import {
  decimalsOf,
  formatPercent,
  formatPl,
  formatPrice,
  formatVolume,
  ORDER_STATUS_LABELS,
  ORDER_TYPE_LABELS,
  sideClass,
  timeHeader,
  trend,
} from "./format";

describe("format", () => {
  it("prints prices with exactly the symbol's decimals, 0 as a price and undefined as a dash", () => {
    expect(formatPrice(1.1, 5)).toBe("1.10000");
    expect(formatPrice(96123.5, 2)).toBe("96,123.50");
    expect(formatPrice(0, 2)).toBe("0.00");
    expect(formatPrice(undefined, 2)).toBe("—");
  });

  it("signs P&L and percentages, but not zero", () => {
    expect(formatPl(12.5)).toBe("+12.50");
    expect(formatPl(-3)).toBe("-3.00");
    expect(formatPl(0)).toBe("0.00");
    expect(formatPercent(-0.54)).toBe("-0.54%");
    expect(trend(0)).toBe("flat");
    expect(trend(-1)).toBe("down");
  });

  it("abbreviates volume", () => {
    expect(formatVolume(950)).toBe("950");
    expect(formatVolume(12_345)).toBe("12.3K");
    expect(formatVolume(2_500_000)).toBe("2.50M");
  });

  it("has a label for every order type and status, and colours sides", () => {
    expect(Object.keys(ORDER_TYPE_LABELS)).toHaveLength(
      Object.keys(OrderType).length,
    );
    expect(Object.keys(ORDER_STATUS_LABELS)).toHaveLength(
      Object.keys(OrderStatus).length,
    );
    expect(sideClass(Side.Buy)).toBe("up");
    expect(sideClass(Side.Sell)).toBe("down");
  });

  it.each([
    [0.01, 2],
    [0.25, 2],
    [0.00001, 5],
    [1, 0],
  ])("tick %d has %d decimals", (tick, decimals) => {
    expect(decimalsOf(tick)).toBe(decimals);
  });
});

describe("timeHeader", () => {
  const winter = Date.UTC(2026, 0, 15, 12);
  const summer = Date.UTC(2026, 6, 15, 12);

  it("names the zone's offset at that moment, following daylight saving", () => {
    expect(timeHeader("Time", winter, "Europe/Berlin")).toEqual({
      text: "Time (local, UTC+1)",
      title: "Times in Europe/Berlin (UTC+1), this browser's time zone",
    });
    expect(timeHeader("Time", summer, "Europe/Berlin").text).toBe(
      "Time (local, UTC+2)",
    );
    expect(timeHeader("Last fired", winter, "America/New_York").text).toBe(
      "Last fired (local, UTC\u22125)",
    );
    expect(timeHeader("Time", summer, "Asia/Kolkata").text).toBe(
      "Time (local, UTC+5:30)",
    );
  });

  it("says UTC for a browser in UTC", () => {
    expect(timeHeader("Time", summer, "UTC").text).toBe("Time (UTC)");
    expect(timeHeader("Time", summer, "Etc/UTC").title).toBe(
      "Times in UTC, this browser's time zone",
    );
  });

  it("defaults to the browser's own zone, the one formatTime prints in", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(timeHeader().title).toContain(zone === "Etc/UTC" ? "UTC" : zone);
  });
});
