import { describe, expect, it } from "vitest";
import { clampPanels, maxSizes, MIN_SIZES } from "./panelSizes";

const saved = { watchlistWidth: 900, ticketWidth: 700, accountHeight: 900 };

describe("panel sizes", () => {
  it("keeps sizes that fit the window", () => {
    const sizes = { watchlistWidth: 300, ticketWidth: 320, accountHeight: 260 };
    expect(clampPanels(sizes, { width: 1600, height: 900 })).toEqual(sizes);
  });

  it("fits sizes saved on a 4K screen into a 1024x768 window, the chart keeping its minimum", () => {
    const sizes = clampPanels(saved, { width: 1024, height: 768 });
    // 1024 - 480 (chart) - 12 (splitters) - 4 (padding) = 528 for the two side panels, shared
    // as saved (900 : 700).
    expect(sizes).toEqual({
      watchlistWidth: 297,
      ticketWidth: 231,
      accountHeight: 518,
    });
    expect(sizes.watchlistWidth + sizes.ticketWidth + 480 + 16).toBe(1024);
  });

  it("never goes below the spec's minimums, even in a tiny window", () => {
    expect(clampPanels(saved, { width: 400, height: 300 })).toEqual(MIN_SIZES);
    expect(
      clampPanels(
        { watchlistWidth: 10, ticketWidth: 10, accountHeight: 10 },
        { width: 2560, height: 1440 },
      ),
    ).toEqual(MIN_SIZES);
  });

  it("offers each splitter the room the other panels leave", () => {
    const sizes = { watchlistWidth: 280, ticketWidth: 300, accountHeight: 260 };
    expect(maxSizes(sizes, { width: 1280, height: 800 })).toEqual({
      watchlistWidth: 1280 - 496 - 300,
      ticketWidth: 1280 - 496 - 280,
      accountHeight: 800 - 44 - 200 - 6,
    });
  });
});
