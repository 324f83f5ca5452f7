import {
  chartReady,
  chartState,
  login,
  shownPositive,
} from "../support/terminal";
import { expect, test } from "../support/fixtures";

test("a demo user logs in: the chart shows candles that move, and the watchlist prices move", async ({
  page,
}) => {
  await login(page, "alice");
  const first = await chartState(page);
  expect(first.symbol).toBe("BTCUSD");
  expect(first.resolution).toBe("5");
  expect(first.bars).toBeGreaterThan(100);
  expect(first.lastTime % 300_000).toBe(0);
  await expect
    .poll(
      async () => {
        const now = await chartState(page);
        return `${now.lastTime}/${now.lastClose}`;
      },
      { timeout: 20_000 },
    )
    .not.toBe(`${first.lastTime}/${first.lastClose}`);
  const eth = page.getByTestId("watchlist-last-ETHUSD");
  // From a first price on: the first quote arriving is not a move.
  await shownPositive(eth);
  const before = (await eth.textContent()) ?? "";
  await expect(eth).not.toHaveText(before, { timeout: 20_000 });
});

test("changing symbol and resolution reloads the right bars; scrolling left loads older ones", async ({
  page,
}) => {
  await login(page, "bob");
  const chart = page.getByTestId("chart");
  await page.getByTestId("watchlist-row-ETHUSD").click();
  await expect(chart).toHaveAttribute("data-symbol", "ETHUSD");
  await chartReady(page);
  const eth = await chartState(page);
  const listed = await shownPositive(page.getByTestId("watchlist-last-ETHUSD"));
  expect(Math.abs(eth.lastClose - listed) / listed).toBeLessThan(0.01);

  await page.getByTestId("resolution-60").click();
  await expect(chart).toHaveAttribute("data-resolution", "60");
  await chartReady(page);
  const hourly = await chartState(page);
  expect(hourly.bars).toBeGreaterThan(48);
  expect(hourly.lastTime % 3_600_000).toBe(0);
  expect(hourly.firstTime % 3_600_000).toBe(0);

  await page.getByTestId("resolution-5").click();
  await expect(chart).toHaveAttribute("data-resolution", "5");
  await chartReady(page);
  const start = await chartState(page);
  const canvas = page.getByTestId("chart-canvas");
  const box = await canvas.boundingBox();
  if (!box) throw new Error("the chart has no size");
  // Drag the time axis to the right, as a trader scrolls back in time, until older bars arrive.
  await expect
    .poll(
      async () => {
        await page.mouse.move(box.x + 80, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width - 80, box.y + box.height / 2, {
          steps: 12,
        });
        await page.mouse.up();
        return (await chartState(page)).firstTime;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBeLessThan(start.firstTime);
  expect((await chartState(page)).bars).toBeGreaterThan(start.bars);
});
