import { describe, expect, it } from "vitest";
import {
  formatBars,
  formatBytes,
  formatEta,
  formatProgress,
  formatRate,
} from "./jobFormat";

describe("history job figures", () => {
  it("rate in bars per second, scaled, a dash when nothing runs", () => {
    expect(formatRate(0)).toBe("—");
    expect(formatRate(850.4)).toBe("850 bars/s");
    expect(formatRate(9_999)).toBe("9,999 bars/s");
    expect(formatRate(12_400)).toBe("12.4k bars/s");
    expect(formatRate(1_254_000)).toBe("1.25M bars/s");
  });

  it("ETA in seconds, minutes or hours, a dash without an estimate", () => {
    expect(formatEta(undefined)).toBe("—");
    expect(formatEta(0.4)).toBe("< 1 s");
    expect(formatEta(42.2)).toBe("42 s");
    expect(formatEta(185)).toBe("3 min 05 s");
    expect(formatEta(2 * 3600 + 7 * 60 + 20)).toBe("2 h 07 min");
  });

  it("progress never shows 100 % before the job completed", () => {
    expect(formatProgress(0.999, false)).toBe("99 %");
    expect(formatProgress(1, false)).toBe("99 %");
    expect(formatProgress(0.5, false)).toBe("50 %");
    expect(formatProgress(1, true)).toBe("100 %");
  });

  it("bars and bytes", () => {
    expect(formatBars(1_234_567)).toBe("1,234,567");
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(14_540)).toBe("14.2 KB");
    expect(formatBytes(3_565_158)).toBe("3.40 MB");
    expect(formatBytes(undefined)).toBe("—");
  });
});
