import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  DAY_S,
  HOUR_MS,
  HOUR_S,
  MINUTE_MS,
  MINUTE_S,
  SECOND_MS,
  WEEK_MS,
  WEEK_S,
} from "./time.js";

describe("time constants", () => {
  it("hold the values the code used to spell out", () => {
    expect([SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, WEEK_MS]).toEqual([
      1000, 60_000, 3_600_000, 86_400_000, 604_800_000,
    ]);
    expect([MINUTE_S, HOUR_S, DAY_S, WEEK_S]).toEqual([
      60, 3600, 86_400, 604_800,
    ]);
  });
});
