import { startBackend } from "../support/backend-process";
import { freePortAsync, freshDataDir } from "../support/environment";
import { chartState, sendTicket } from "../support/terminal";
import { expect, test } from "../support/fixtures";

test("the backend restarts on the same port and data: the UI reconnects, feeds resume, orders and positions remain", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const port = await freePortAsync();
  const dataDir = freshDataDir("restart");
  let backend = await startBackend(port, dataDir, { BACKFILL_DAYS: "2" });
  try {
    await page.goto(`${backend.baseURL}/`);
    await page.getByTestId("login-username").fill("bob");
    await page.getByTestId("login-password").fill("demo1234");
    await page.getByTestId("login-submit").click();
    const status = page.getByTestId("connection-status");
    await expect(status).toHaveAttribute("data-status", "connected");
    await expect(page.getByTestId("chart")).toHaveAttribute(
      "data-state",
      "ready",
    );
    await sendTicket(page, { side: "buy", type: 2, qty: "0.05" });
    await page.getByTestId("account-tab-positions").click();
    await expect(page.getByTestId("positions-row-BTCUSD")).toBeVisible();
    await sendTicket(page, {
      side: "buy",
      type: 1,
      qty: "0.01",
      limitPrice: "1000.00",
    });
    await page.getByTestId("account-tab-orders").click();
    const working = page
      .getByTestId("working-orders-table")
      .locator('[data-testid^="orders-row-"]');
    await expect(working).toHaveCount(1);
    const orderRow = (await working.first().getAttribute("data-testid")) ?? "";

    await backend.stop();
    await expect(status).toHaveAttribute("data-status", "reconnecting");
    await expect(status).toContainText(/attempt/i);
    backend = await startBackend(port, dataDir);
    await expect(status).toHaveAttribute("data-status", "connected", {
      timeout: 60_000,
    });

    // Bars and quotes resume.
    await expect(page.getByTestId("chart")).toHaveAttribute(
      "data-state",
      "ready",
    );
    const bar = await chartState(page);
    await expect
      .poll(
        async () => {
          const now = await chartState(page);
          return `${now.lastTime}/${now.lastClose}`;
        },
        { timeout: 30_000 },
      )
      .not.toBe(`${bar.lastTime}/${bar.lastClose}`);
    const eth = page.getByTestId("watchlist-last-ETHUSD");
    const before = (await eth.textContent()) ?? "";
    await expect(eth).not.toHaveText(before, { timeout: 30_000 });
    // The working order and the position survived.
    await expect(page.getByTestId(orderRow)).toBeVisible();
    await page.getByTestId("account-tab-positions").click();
    await expect(page.getByTestId("positions-row-BTCUSD")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("chart")).toHaveAttribute(
      "data-state",
      "ready",
    );
    await page.getByTestId("account-tab-orders").click();
    await expect(page.getByTestId(orderRow)).toBeVisible();
  } finally {
    await backend.stop();
  }
});
