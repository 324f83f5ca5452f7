import { readFile } from "node:fs/promises";
import { login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

const HEADER = "symbol,time,open,high,low,close,volume,vwap,filled";

test("from the History panel a trader exports a week of AAPL 5-minute bars to CSV, sees the job complete and downloads the file", async ({
  page,
}) => {
  await login(page, "alice");
  await page.getByTestId("account-tab-history-jobs").click();
  await expect(page.getByTestId("history-panel")).toBeVisible();

  // The form starts with the chart's symbol; AAPL instead, picked from the symbol search.
  await page.getByTestId("history-symbol-remove-BTCUSD").click();
  await page.getByTestId("history-symbol-search").fill("AAPL");
  await page.getByTestId("history-symbol-search-result-AAPL").click();
  await expect(page.getByTestId("history-symbol-AAPL")).toBeVisible();
  // Stocks take no adjustment.
  await expect(page.getByTestId("history-adjustment")).toBeDisabled();
  await page.getByTestId("history-resolution").selectOption("5");
  await page.getByTestId("history-range-1w").click();
  await page.getByTestId("history-format").selectOption("csv");
  await page.getByTestId("history-start").click();
  await expect(page.getByTestId("history-error-form")).toHaveCount(0);

  const row = page.locator('tr[data-testid^="history-job-"]').first();
  await expect(row).toHaveAttribute("data-status", "completed");
  const id = ((await row.getAttribute("data-testid")) ?? "").replace(
    "history-job-",
    "",
  );
  await expect(page.getByTestId(`history-job-progress-${id}`)).toHaveAttribute(
    "aria-valuenow",
    "100",
  );
  await expect(row).toContainText("100 %");
  const counts = (
    (await page.getByTestId(`history-job-bars-${id}`).textContent()) ?? ""
  )
    .split("/")
    .map((part) => Number(part.replace(/[^0-9]/g, "")));
  const [done, total] = counts;
  expect(done).toBeGreaterThan(0);
  expect(done).toBe(total);

  const downloading = page.waitForEvent("download");
  await page.getByTestId(`history-job-download-${id}`).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile(await download.path(), "utf8");
  const lines = text.trimEnd().split("\n");
  const comments = lines.filter((l) => l.startsWith("#"));
  expect(comments).toContain("# symbol=AAPL");
  expect(comments).toContain("# resolution=5");
  expect(comments).toContain("# timezone=UTC");
  const rows = lines.filter((l) => !l.startsWith("#"));
  expect(rows[0]).toBe(HEADER);
  const bars = rows.slice(1).map((l) => l.split(","));
  // Every bar the panel counted, AAPL's, 5 minutes apart on the grid, OHLC consistent.
  expect(bars).toHaveLength(done ?? -1);
  for (const [symbol, time, open, high, low, close, volume] of bars) {
    expect(symbol).toBe("AAPL");
    expect(Number(time) % 300_000).toBe(0);
    expect(Number(high)).toBeGreaterThanOrEqual(
      Math.max(Number(open), Number(close)),
    );
    expect(Number(low)).toBeLessThanOrEqual(
      Math.min(Number(open), Number(close)),
    );
    expect(Number(volume)).toBeGreaterThanOrEqual(0);
  }
  const times = bars.map(([, time]) => Number(time));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});
