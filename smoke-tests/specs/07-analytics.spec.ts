import type { Locator, Page } from "@playwright/test";
import { chartReady, chartState, login, numberIn } from "../support/terminal";
import { expect, test } from "../support/fixtures";

/** A legend value once it is a number (the snapshot may still be on its way). */
async function shownNumber(locator: Locator): Promise<number> {
  await expect(locator).toHaveText(/^-?\d+(\.\d+)?$/);
  return numberIn(locator);
}

/** How many values each study's first series holds on the chart itself. */
async function seriesPoints(page: Page): Promise<number[]> {
  const raw = await page
    .getByTestId("chart-canvas")
    .getAttribute("data-study-points");
  return Object.values(JSON.parse(raw ?? "{}") as Record<string, number>);
}

test("on BTCUSD a trader adds RSI and Bollinger Bands, kept across a reload, and an alert near the market fires as a toast", async ({
  page,
}) => {
  // The market's pace follows the time of day: in quiet hours the band may take a minute to leave.
  test.setTimeout(180_000);
  await login(page, "alice");
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-symbol",
    "BTCUSD",
  );

  await page.getByTestId("indicator-picker").click();
  await page.getByTestId("indicator-add-rsi").click();
  await page.getByTestId("indicator-add-bollinger").click();
  await page.getByTestId("indicator-picker").click();

  const rsi = await shownNumber(page.getByTestId("study-value-rsi-value"));
  expect(rsi).toBeGreaterThanOrEqual(0);
  expect(rsi).toBeLessThanOrEqual(100);
  const upper = await shownNumber(
    page.getByTestId("study-value-bollinger-upper"),
  );
  const middle = await shownNumber(
    page.getByTestId("study-value-bollinger-middle"),
  );
  const lower = await shownNumber(
    page.getByTestId("study-value-bollinger-lower"),
  );
  expect(upper).toBeGreaterThan(middle);
  expect(middle).toBeGreaterThan(lower);
  const { lastClose } = await chartState(page);
  expect(Math.abs(middle - lastClose) / lastClose).toBeLessThan(0.05);
  // The series on the chart hold the snapshot: about the chart's history, not a value or two.
  await expect.poll(() => seriesPoints(page)).toHaveLength(2);
  await expect
    .poll(async () => Math.min(...(await seriesPoints(page))))
    .toBeGreaterThan(100);

  // Chosen indicators are the user's: a reload shows them again.
  await page.reload();
  await chartReady(page);
  await expect(page.getByTestId("study-legend-rsi")).toBeVisible();
  await expect(page.getByTestId("study-legend-bollinger")).toBeVisible();

  // Two alerts straddling the market by 0.01%, created from the chart's toolbar: whichever way
  // the simulated walk goes, one of them is crossed within a few trades. The band is a few
  // trades wide so that the last price, a moment old, is still inside it when they are armed.
  const near = async (factor: number) =>
    ((await chartState(page)).lastClose * factor).toFixed(2);
  const form = page.getByTestId("alert-form");
  for (const factor of [1.0001, 0.9999]) {
    await page.getByTestId("alert-new").click();
    await page.getByTestId("alert-price").fill(await near(factor));
    // Above or below the last price as it is when the level is typed (the market keeps moving).
    await expect(page.getByTestId("alert-form-direction")).toHaveText(
      /^crosses (above|below)$/,
    );
    await page.getByTestId("alert-create").click();
    await expect(form).toBeHidden();
  }

  await page.getByTestId("account-tab-alerts").click();
  const levels = page.locator('[data-testid^="alert-level-"]');
  await expect(levels).toHaveCount(2);
  const toast = page.getByTestId("toast");
  // The walk leaves the band between the two levels, firing one of them. A jump can leave both
  // levels on one side before they are armed: only then is the band moved back around the market
  // (an edited level re-arms its rule); while the price is inside the band, waiting is enough.
  await expect
    .poll(
      async () => {
        if ((await toast.count()) > 0) return true;
        const price = (await chartState(page)).lastClose;
        const [upper, lower] = [
          Number(await levels.nth(0).inputValue()),
          Number(await levels.nth(1).inputValue()),
        ];
        if (price > Math.max(upper, lower) || price < Math.min(upper, lower))
          for (const [i, factor] of [1.0001, 0.9999].entries()) {
            await levels.nth(i).fill(await near(factor));
            await levels.nth(i).press("Enter");
          }
        return false;
      },
      { timeout: 120_000, intervals: [5_000] },
    )
    .toBe(true);
  await expect(page.getByTestId("toast-body").first()).toContainText("BTCUSD");
  await expect(
    page.locator('[data-testid^="fired-alert-"]').first(),
  ).toBeAttached();
});

test("an alert made by right-clicking the chart is drawn as a line, and dragging the line moves the alert", async ({
  page,
}) => {
  await login(page, "bob");
  const canvas = page.getByTestId("chart-canvas");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the chart has no size");
  const x = box.x + box.width / 2;
  const y = box.y + 60;
  await page.mouse.click(x, y, { button: "right" });
  const item = page.getByTestId("chart-context-alert");
  await expect(item).toHaveText(/Alert at [\d,]+\.\d{2}$/);
  const clicked = Number(
    ((await item.textContent()) ?? "").replace(/[^0-9.]/g, ""),
  );
  await item.click();

  await page.getByTestId("account-tab-alerts").click();
  const level = page.locator('[data-testid^="alert-level-"]');
  await expect(level).toHaveCount(1);
  await expect(level).toHaveValue(String(clicked));
  // Far above the market (the top of the price pane): it stays armed while the line moves.
  const status = page.locator('[data-testid^="alert-status-"]');
  await expect(status).toHaveAttribute("data-status", "active");

  // Grab the line where it was drawn and pull it down: the rule is replaced at a lower level.
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 40, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(async () => Number(await level.inputValue()))
    .toBeLessThan(clicked);
  await expect(status).toHaveAttribute("data-status", "active");
});
