import type { operations } from "@tradewire/client";
import { chartReady, chartState, login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

type Rolls =
  operations["getRolls"]["responses"]["200"]["content"]["application/json"];

test("a trader compares the chart with another symbol in percent, then charts ES1! with its adjustment and roll markers", async ({
  page,
}) => {
  await login(page, "alice");
  const chart = page.getByTestId("chart");
  const canvas = page.getByTestId("chart-canvas");
  const main = (await chartState(page)).symbol;
  await expect(canvas).toHaveAttribute("data-price-scale", "price");

  // Compare with AAPL: both in the legend, the price scale in percent.
  await page.getByTestId("chart-compare").click();
  await page.getByTestId("compare-symbol-search").fill("AAPL");
  await page.getByTestId("compare-symbol-search-result-AAPL").click();
  await expect(page.getByTestId("compare-main")).toContainText(main);
  await expect(page.getByTestId("compare-other")).toContainText("AAPL");
  await expect(page.getByTestId("compare-main")).toContainText("%");
  await expect(page.getByTestId("compare-error")).toHaveCount(0);
  await expect(canvas).toHaveAttribute("data-price-scale", "percent");

  // Removing it restores prices.
  await page.getByTestId("chart-compare-remove").click();
  await expect(page.getByTestId("chart-compare-legend")).toHaveCount(0);
  await expect(canvas).toHaveAttribute("data-price-scale", "price");

  // ES1!: candles load from the stitched contracts, the adjustment selector appears.
  const chartRolls = page.waitForResponse((r) =>
    r.url().includes("/api/v1/datafeed/rolls"),
  );
  await page.getByTestId("symbol-search").fill("ES1!");
  await page.getByTestId("symbol-search-result-ES1!").click();
  await expect(chart).toHaveAttribute("data-symbol", "ES1!");
  await chartReady(page);
  expect((await chartState(page)).bars).toBeGreaterThan(0);
  expect((await chartRolls).ok()).toBe(true);
  const select = page.getByTestId("chart-adjustment");
  await expect(select).toBeVisible();

  // Another adjustment reloads the bars with it.
  const current = await select.inputValue();
  const next = current === "ratio" ? "difference" : "ratio";
  const reload = page.waitForRequest(
    (r) =>
      /\/api\/v1\/datafeed\/(history|bars)\?/.test(r.url()) &&
      new URL(r.url()).searchParams.get("adjustment") === next,
  );
  await select.selectOption(next);
  const request = new URL((await reload).url());
  expect(request.searchParams.get("symbol")).toBe("ES1!");
  await expect(chart).toHaveAttribute("data-adjustment", next);
  await chartReady(page);

  // Daily bars hold the whole stored history: one marker per roll the server reports in it.
  await page.getByTestId("resolution-1D").click();
  await expect(chart).toHaveAttribute("data-resolution", "1D");
  await chartReady(page);
  const answer = await page.request.get(
    `/api/v1/datafeed/rolls?symbol=${encodeURIComponent("ES1!")}`,
  );
  expect(answer.ok()).toBe(true);
  const { rolls } = (await answer.json()) as Rolls;
  test.info().annotations.push({
    type: "rolls",
    description: `${rolls.length} roll(s) in the stored history: ${rolls.map((r) => `${r.from}->${r.to} ${new Date(r.tradingDay).toISOString().slice(0, 10)}`).join(", ")}`,
  });
  if (rolls.length === 0) {
    await expect(chart).not.toHaveAttribute("data-roll-marks", /.*/);
  } else {
    await expect
      .poll(async () =>
        (
          JSON.parse((await chart.getAttribute("data-roll-marks")) ?? "[]") as [
            number,
            string,
          ][]
        ).map(([time]) => time),
      )
      .toEqual(rolls.map((r) => r.tradingDay));
  }
});
