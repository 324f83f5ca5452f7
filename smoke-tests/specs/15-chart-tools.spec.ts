import type { Locator, Page } from "@playwright/test";
import { chartReady, chartState, login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

const RESOLUTIONS = ["1", "5", "15", "60", "240", "1D", "1W", "1M"];

interface VisibleRange {
  from: number;
  to: number;
  bars: number;
}

async function visibleRange(canvas: Locator): Promise<VisibleRange | null> {
  const raw = await canvas.getAttribute("data-visible-range");
  return raw ? (JSON.parse(raw) as VisibleRange) : null;
}

/** The chart's first page of bars (ChartFeed's countBack): fewer means the whole history. */
const PAGE = 300;

/**
 * Whether the bars fill the plot: the newest bar on screen, every bar when the whole history is
 * one page (longer ones load older pages behind the fitted view) but the oldest one, which a bar
 * forming after the fit scrolls off (the chart follows the live edge), and the empty slots left
 * of the first and right of the last at most a tenth of the width (one slot for a few bars).
 */
function fills(range: VisibleRange): boolean {
  const width = range.to - range.from + 1;
  const left = Math.max(0, -range.from - 0.5);
  const right = Math.max(0, range.to - (range.bars - 1) - 0.5);
  const allShown =
    range.to >= range.bars - 1.5 && (range.bars >= PAGE || range.from <= 1.5);
  return allShown && left + right <= Math.max(1, 0.1 * width);
}

async function showSymbol(page: Page, symbol: string): Promise<void> {
  await page.getByTestId("symbol-search").fill(symbol);
  await page.getByTestId(`symbol-search-result-${symbol}`).click();
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-symbol",
    symbol,
  );
  await chartReady(page);
}

/** A point inside the price pane (clear of both axes), as a fraction of the chart's box. */
async function at(canvas: Locator, fx: number, fy: number) {
  const box = (await canvas.boundingBox())!;
  return {
    x: box.x + (box.width - 70) * fx,
    y: box.y + (box.height - 30) * fy,
  };
}

async function drawings(page: Page): Promise<{ kind: string }[]> {
  const raw = await page.getByTestId("chart").getAttribute("data-drawings");
  return JSON.parse(raw ?? "[]") as { kind: string }[];
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-drawings-saving",
    "0",
  );
}

test("a trader fits every resolution, switches chart type and time zone, sees the live price after panning, and the chart follows the theme", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await login(page, "bob");
  await showSymbol(page, "AAPL");
  const canvas = page.getByTestId("chart-canvas");

  // Every resolution, months included, opens with its bars across the whole width.
  for (const resolution of RESOLUTIONS) {
    await page.getByTestId(`resolution-${resolution}`).click();
    await expect(page.getByTestId("chart")).toHaveAttribute(
      "data-resolution",
      resolution,
    );
    await chartReady(page);
    await expect
      .poll(async () => {
        const range = await visibleRange(canvas);
        const { bars } = await chartState(page);
        if (!range || range.bars !== bars || bars === 0)
          return `waiting (${bars} bars)`;
        return fills(range) ? "fills" : JSON.stringify(range);
      }, `${resolution} fills the width`)
      .toBe("fills");
  }

  // Each chart type draws its own series.
  await page.getByTestId("resolution-5").click();
  await chartReady(page);
  for (const type of ["bars", "line", "area", "heikin-ashi", "candles"]) {
    await page.getByTestId("chart-type").selectOption(type);
    await expect(canvas).toHaveAttribute("data-chart-type", type);
    await expect(page.getByTestId("chart")).toHaveAttribute(
      "data-chart-type",
      type,
    );
  }

  // The time zone moves the axis labels and names itself on the chart.
  const zone = page.getByTestId("chart-timezone");
  await zone.selectOption("UTC");
  await expect(page.getByTestId("chart-timezone-label")).toHaveText("UTC");
  const utcLabel = await canvas.getAttribute("data-axis-sample");
  await zone.selectOption("exchange");
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-timezone",
    "America/New_York",
  );
  // New York is 5 hours behind UTC in winter, 4 in summer.
  await expect(page.getByTestId("chart-timezone-label")).toHaveText(
    /^New York \(UTC−[45]\)$/,
  );
  await expect(canvas).not.toHaveAttribute("data-axis-sample", utcLabel ?? "");
  const hour = (label: string | null) =>
    Number(/(\d\d):\d\d$/.exec(label ?? "")?.[1]);
  const shift =
    (hour(utcLabel) -
      hour(await canvas.getAttribute("data-axis-sample")) +
      24) %
    24;
  expect([4, 5]).toContain(shift);

  // Pan back in time: the axis still carries the live price, not the last visible close.
  await page.getByTestId("resolution-1").click();
  await chartReady(page);
  const start = await at(canvas, 0.3, 0.5);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 500, start.y, { steps: 10 });
  await page.mouse.up();
  await expect
    .poll(async () => {
      const range = await visibleRange(canvas);
      return range ? range.bars - 1 - range.to : 0;
    }, "panned away from the newest bar")
    .toBeGreaterThan(20);
  await expect
    .poll(async () => {
      const live = Number(await canvas.getAttribute("data-live-price"));
      return live === (await chartState(page)).lastClose;
    })
    .toBe(true);
  // The light theme's variables on <html> (as styles/theme.css sets them): the chart repaints
  // its background from them.
  const background = () =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        '[data-testid="chart-canvas"] canvas',
      );
      const pixel = canvas?.getContext("2d")?.getImageData(4, 4, 1, 1).data;
      return pixel ? [pixel[0], pixel[1], pixel[2]].join(",") : "";
    });
  await expect.poll(background).toBe("18,22,28");
  await page.evaluate(() => {
    const root = document.documentElement;
    root.style.setProperty("--panel", "#ffffff");
    root.dataset.theme = "light";
  });
  await expect.poll(background).toBe("255,255,255");
  expect(errors).toEqual([]);
});

test("a horizontal line on AAPL survives a reload and stays off MSFT; trend lines, select + Delete, Esc", async ({
  page,
}) => {
  await login(page, "bob");
  await showSymbol(page, "AAPL");
  const canvas = page.getByTestId("chart-canvas");
  // A fresh data folder per run: bob starts without drawings.
  await expect.poll(() => drawings(page)).toHaveLength(0);

  // Esc cancels a tool.
  await page.getByTestId("draw-trend").click();
  await expect(page.getByTestId("draw-trend")).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("draw-trend")).toHaveAttribute(
    "aria-pressed",
    "false",
  );

  // A horizontal line, saved for bob on AAPL.
  await page.getByTestId("draw-horizontal").click();
  const here = await at(canvas, 0.5, 0.4);
  await page.mouse.click(here.x, here.y);
  await expect.poll(() => drawings(page)).toHaveLength(1);
  expect((await drawings(page))[0]!.kind).toBe("horizontal");
  await saved(page);

  await page.reload();
  await chartReady(page);
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-symbol",
    "AAPL",
  );
  await expect.poll(() => drawings(page)).toHaveLength(1);

  await showSymbol(page, "MSFT");
  await expect.poll(() => drawings(page)).toHaveLength(0);
  await showSymbol(page, "AAPL");
  await expect.poll(() => drawings(page)).toHaveLength(1);

  // A trend line from two clicks.
  await page.getByTestId("draw-trend").click();
  const a = await at(canvas, 0.3, 0.7);
  const b = await at(canvas, 0.6, 0.2);
  await page.mouse.click(a.x, a.y);
  await page.mouse.click(b.x, b.y);
  await expect.poll(() => drawings(page)).toHaveLength(2);
  expect((await drawings(page)).map((d) => d.kind)).toEqual([
    "horizontal",
    "trend",
  ]);
  await saved(page);

  // Select the horizontal by clicking on it, Delete removes it (and only it).
  await page.mouse.click(here.x - 100, here.y);
  await expect(page.getByTestId("drawings-delete")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect
    .poll(async () => (await drawings(page)).map((d) => d.kind))
    .toEqual(["trend"]);
  await saved(page);

  await page.getByTestId("drawings-clear").click();
  await expect.poll(() => drawings(page)).toHaveLength(0);
  await saved(page);
});

test("right-click: a limit at the price fills the ticket, copy price, keyboard", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, "bob");
  await showSymbol(page, "AAPL");
  const canvas = page.getByTestId("chart-canvas");
  const menu = page.getByTestId("chart-context-menu");
  const spot = await at(canvas, 0.5, 0.35);

  await page.mouse.click(spot.x, spot.y, { button: "right" });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("role", "menu");
  // Keyboard: the first item has focus, arrows move, Esc closes.
  await expect(page.getByTestId("chart-context-buy")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("chart-context-sell")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByTestId("chart-context-copy")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);

  // Low on the chart a buy rests as a limit; if the market sits there, high up a sell does.
  const low = await at(canvas, 0.5, 0.95);
  await page.mouse.click(low.x, low.y, { button: "right" });
  let side: "buy" | "sell" = "buy";
  let used = low;
  if (
    !/limit/.test(
      (await page.getByTestId("chart-context-buy").textContent()) ?? "",
    )
  ) {
    await page.keyboard.press("Escape");
    const high = await at(canvas, 0.5, 0.03);
    await page.mouse.click(high.x, high.y, { button: "right" });
    side = "sell";
    used = high;
  }
  const item = page.getByTestId(`chart-context-${side}`);
  const text = (await item.textContent()) ?? "";
  const price = /(?:Buy|Sell) limit at ([\d.,]+)/
    .exec(text)?.[1]
    ?.replace(/,/g, "");
  expect(Number(price)).toBeGreaterThan(0);
  // On the tick grid (AAPL: 0.01).
  expect(price).toMatch(/^\d+\.\d{2}$/);
  await item.click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId("ticket-type")).toHaveValue("1");
  await expect(page.getByTestId("ticket-limit-price")).toHaveValue(price!);
  await expect(page.getByTestId(`ticket-side-${side}`)).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByTestId("ticket-qty")).toBeFocused();

  // Copy price: the same point, the same price on the clipboard.
  await page.mouse.click(used.x, used.y, { button: "right" });
  await page.getByTestId("chart-context-copy").click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(price);
});
