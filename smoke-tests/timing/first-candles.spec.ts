import { test } from "@playwright/test";
import { login } from "../support/terminal";

/** Reloads measured after a warm-up one (the browser's cache is then as a returning trader's). */
const RELOADS = 7;

/**
 * `make terminal-timing`: how long a signed-in trader waits for candles after loading the page,
 * from navigation start to the chart panel saying `ready` with bars (a MutationObserver installed
 * before any page script stamps the moment). Prints every figure and the median; no pass/fail
 * threshold: this is a measurement, read against the README's target (under 1 s).
 */
test("first candles after a page load", async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __firstCandles?: number };
    new MutationObserver(() => {
      const chart = document.querySelector<HTMLElement>(
        '[data-testid="chart"]',
      );
      if (
        w.__firstCandles === undefined &&
        chart?.dataset.state === "ready" &&
        Number(chart.dataset.bars) > 0
      )
        w.__firstCandles = performance.now();
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
  await login(page, "alice");
  const figures: number[] = [];
  for (let i = 0; i <= RELOADS; i++) {
    await page.reload();
    const ms = await page
      .waitForFunction(
        () => (window as unknown as { __firstCandles?: number }).__firstCandles,
        undefined,
        { timeout: 30_000 },
      )
      .then((h) => h.jsonValue() as Promise<number>);
    if (i > 0) figures.push(ms);
  }
  const sorted = [...figures].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  // The figures are this target's output (`make terminal-timing`), as the bench's tables are.
  // eslint-disable-next-line no-console
  console.log(
    `first candles after load (ms): ${figures.map((f) => f.toFixed(0)).join(", ")}; median ${median.toFixed(0)}, max ${(sorted.at(-1) as number).toFixed(0)}`,
  );
});
