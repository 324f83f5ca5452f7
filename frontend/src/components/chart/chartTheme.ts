import {
  ColorType,
  CrosshairMode,
  type ChartOptions,
  type DeepPartial,
} from "lightweight-charts";

/** The chart's colours: the dark theme's, unless the page's CSS says otherwise. */
export interface ChartColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
}

export const DARK_COLORS: ChartColors = {
  background: "#12161c",
  text: "#a3a9b5",
  grid: "#1a2029",
  border: "#232a34",
  up: "#26a69a",
  down: "#ef5350",
};

/**
 * CSS custom properties each colour is read from, first found wins. The light theme
 * (`[data-theme="light"]` on <html>, styles/theme.css) sets them; a missing one keeps the dark colour.
 */
const SOURCES: Record<keyof ChartColors, readonly string[]> = {
  background: ["--chart-bg", "--panel", "--bg"],
  text: ["--chart-text", "--muted", "--fg"],
  grid: ["--chart-grid", "--grid"],
  border: ["--border"],
  up: ["--up"],
  down: ["--down"],
};

/** The colours the page's current theme gives the chart. */
export function readChartColors(
  element: Element = document.documentElement,
): ChartColors {
  const style = getComputedStyle(element);
  const read = (key: keyof ChartColors): string => {
    for (const name of SOURCES[key]) {
      const value = style.getPropertyValue(name).trim();
      if (value) return value;
    }
    return DARK_COLORS[key];
  };
  return {
    background: read("background"),
    text: read("text"),
    grid: read("grid"),
    border: read("border"),
    up: read("up"),
    down: read("down"),
  };
}

/** The chart options that carry the colours (applied at creation and on a theme change). */
export function themeOptions(colors: ChartColors): DeepPartial<ChartOptions> {
  return {
    layout: {
      background: { type: ColorType.Solid, color: colors.background },
      textColor: colors.text,
    },
    grid: {
      vertLines: { color: colors.grid },
      horzLines: { color: colors.grid },
    },
    rightPriceScale: { borderColor: colors.border },
    timeScale: { borderColor: colors.border },
  };
}

/** Everything the chart is created with. */
export function initialOptions(colors: ChartColors): DeepPartial<ChartOptions> {
  const themed = themeOptions(colors);
  return {
    ...themed,
    autoSize: true,
    layout: { ...themed.layout, fontSize: 11 },
    crosshair: { mode: CrosshairMode.Normal },
    timeScale: {
      ...themed.timeScale,
      timeVisible: true,
      secondsVisible: false,
    },
  };
}

/** A colour with alpha (volume bars under the candles): "#26a69a" -> "rgba(38,166,154,0.45)". */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const n = parseInt(hex[1]!, 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * Calls `changed` when <html>'s theme attribute, class or inline style changes (the theme's CSS
 * variables hang off it), whoever changes it; returns the stop function.
 */
export function observeTheme(changed: () => void): () => void {
  if (typeof MutationObserver === "undefined") return () => undefined;
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme", "class", "style"],
  });
  return () => observer.disconnect();
}
