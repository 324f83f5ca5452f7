import { afterEach, describe, expect, it } from "vitest";
import { DARK_COLORS, readChartColors, withAlpha } from "./chartTheme";

afterEach(() => {
  document.documentElement.removeAttribute("style");
});

describe("chart theme colours", () => {
  it("keeps the dark colours when the page defines none", () => {
    expect(readChartColors()).toEqual(DARK_COLORS);
  });

  it("reads the light theme's variables, the rest falling back", () => {
    const root = document.documentElement;
    root.style.setProperty("--panel", "#ffffff");
    root.style.setProperty("--grid", "#e3e7ed");
    root.style.setProperty("--up", "#006b60");
    expect(readChartColors()).toEqual({
      ...DARK_COLORS,
      background: "#ffffff",
      grid: "#e3e7ed",
      up: "#006b60",
    });
  });

  it("adds alpha to hex colours only", () => {
    expect(withAlpha("#26a69a", 0.45)).toBe("rgba(38,166,154,0.45)");
    expect(withAlpha("rgb(1 2 3)", 0.5)).toBe("rgb(1 2 3)");
  });
});
