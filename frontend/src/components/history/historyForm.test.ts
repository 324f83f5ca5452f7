import { describe, expect, it } from "vitest";
import {
  adjustable,
  checkDraft,
  failureErrors,
  rangeOf,
  type HistoryDraft,
} from "./historyForm";

const DRAFT: HistoryDraft = {
  symbols: ["AAPL"],
  resolution: "5",
  from: "2026-11-02",
  to: "2026-11-06",
  adjustment: "none",
  format: "csv",
};

describe("the History panel's form rules", () => {
  it("builds the job request: seconds, `to` the end of the last day, no adjustment for stocks", () => {
    expect(checkDraft(DRAFT)).toEqual({
      ok: true,
      input: {
        symbols: ["AAPL"],
        resolution: "5",
        from: Date.UTC(2026, 10, 2) / 1000,
        to: Date.UTC(2026, 10, 7) / 1000,
        fill: false,
        format: "csv",
      },
    });
  });

  it("accepts any period the spec's Resolution pattern accepts and refuses the rest", () => {
    for (const resolution of ["1", "45", "99999", "2D", "3W", "3M", "D", "W"])
      expect(checkDraft({ ...DRAFT, resolution }).ok, resolution).toBe(true);
    for (const resolution of ["0", "100000", "2H", "100D", "1.5", "", "-5"]) {
      const check = checkDraft({ ...DRAFT, resolution });
      expect(check.ok, resolution).toBe(false);
      if (!check.ok) expect(check.errors.resolution).toMatch(/Minutes/);
    }
  });

  it("names each wrong field: no symbol, too many, bad dates, end before start", () => {
    const none = checkDraft({ ...DRAFT, symbols: [] });
    expect(none).toEqual({
      ok: false,
      errors: { symbols: "Pick at least one symbol" },
    });
    const many = checkDraft({
      ...DRAFT,
      symbols: Array.from({ length: 11 }, (_, i) => `S${i}`),
    });
    expect(!many.ok && many.errors.symbols).toBe("At most 10 symbols per job");
    const dates = checkDraft({ ...DRAFT, from: "2026-02-30", to: "" });
    expect(!dates.ok && dates.errors).toEqual({
      from: "Pick a start date",
      to: "Pick an end date",
    });
    const reversed = checkDraft({
      ...DRAFT,
      from: "2026-11-06",
      to: "2026-11-02",
    });
    expect(!reversed.ok && reversed.errors).toEqual({
      to: "The end date is before the start date",
    });
    // One day is a valid range: that whole day.
    const oneDay = checkDraft({ ...DRAFT, to: "2026-11-02" });
    expect(oneDay.ok && oneDay.input.to - oneDay.input.from).toBe(86_400);
  });

  it("takes an adjustment only when a continuous future is among the symbols", () => {
    expect(adjustable(["AAPL", "EURUSD"])).toBe(false);
    expect(adjustable(["AAPL", "ES1!"])).toBe(true);
    expect(adjustable(["NQ2!"])).toBe(true);
    const refused = checkDraft({ ...DRAFT, adjustment: "ratio" });
    expect(!refused.ok && refused.errors.adjustment).toMatch(/continuous/);
    const futures = checkDraft({
      ...DRAFT,
      symbols: ["ES1!", "AAPL"],
      adjustment: "difference",
    });
    expect(futures.ok && futures.input.adjustment).toBe("difference");
  });

  it("quick ranges end today: 7 days, one calendar month, everything stored", () => {
    const now = Date.UTC(2026, 2, 31, 15, 30);
    expect(rangeOf("1w", now)).toEqual({
      from: "2026-03-24",
      to: "2026-03-31",
    });
    // 31 March minus a month is 3 March (February has no 31st), as Date counts it.
    expect(rangeOf("1m", now)).toEqual({
      from: "2026-03-03",
      to: "2026-03-31",
    });
    expect(rangeOf("all", now)).toEqual({
      from: "1970-01-01",
      to: "2026-03-31",
    });
  });

  it("puts a refusal next to the field it names, the rest beside Start", () => {
    expect(
      failureErrors({
        status: 400,
        code: "UNKNOWN_RESOLUTION",
        message: "bad resolution",
        field: "resolution",
      }),
    ).toEqual({ resolution: "bad resolution" });
    expect(
      failureErrors({
        status: 400,
        code: "INVALID_PARAMS",
        message: "unknown symbol",
        field: "symbols/1",
      }),
    ).toEqual({ symbols: "unknown symbol" });
    expect(
      failureErrors({
        status: 422,
        code: "JOB_LIMIT",
        message: "3 jobs running",
      }),
    ).toEqual({ form: "3 jobs running" });
    expect(
      failureErrors({
        status: 400,
        code: "INVALID_PARAMS",
        message: "fill must be boolean",
        field: "fill",
      }),
    ).toEqual({ form: "fill must be boolean" });
  });
});
