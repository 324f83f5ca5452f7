import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { REPO_ROOT } from "../support/environment";
import { login, numberIn, sendTicket } from "../support/terminal";

test("the terminal, as a trader sees it, for the README", async ({ page }) => {
  await login(page, "alice");
  // About 22,000 of BTC: above the default confirmation threshold, so the ticket asks first.
  await sendTicket(page, { side: "buy", type: 2, qty: "0.25", confirm: true });
  const last = await numberIn(page.getByTestId("watchlist-last-BTCUSD"));
  await sendTicket(page, {
    side: "buy",
    type: 1,
    qty: "0.1",
    limitPrice: (Math.round(last * 99) / 100).toFixed(2),
  });
  // The working order and the position are lines on the chart.
  await expect
    .poll(async () => {
      const lines = await page
        .getByTestId("chart-canvas")
        .getAttribute("data-order-lines");
      return (JSON.parse(lines ?? "[]") as unknown[]).length;
    })
    .toBeGreaterThanOrEqual(1);
  await page.getByTestId("account-tab-positions").click();
  await expect(page.getByTestId("positions-row-BTCUSD")).toBeVisible();
  // Let quotes flash and the P&L move before the picture is taken.
  await expect(page.getByTestId("position-pl-BTCUSD")).not.toHaveText(
    (await page.getByTestId("position-pl-BTCUSD").textContent()) ?? "",
    { timeout: 20_000 },
  );
  await page.screenshot({ path: join(REPO_ROOT, "docs/terminal.png") });
});
