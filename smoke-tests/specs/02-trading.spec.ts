import type { Page } from "@playwright/test";
import {
  login,
  numberIn,
  sendTicket,
  shownPositive,
} from "../support/terminal";
import { expect, test } from "../support/fixtures";

async function orderIds(
  page: Page,
  table: "working-orders-table" | "order-history-table",
): Promise<string[]> {
  const ids = await page
    .getByTestId(table)
    .locator('[data-testid^="orders-row-"]')
    .evaluateAll((rows) =>
      rows.map((r) => r.getAttribute("data-testid") ?? ""),
    );
  return ids.map((id) => id.slice("orders-row-".length));
}

async function orderCount(page: Page): Promise<number> {
  const res = await page.request.get("/api/v1/broker/orders");
  expect(res.ok()).toBe(true);
  return ((await res.json()) as unknown[]).length;
}

test("a market buy fills: a position with live P&L, an execution, and equity that changes", async ({
  page,
}) => {
  await login(page, "alice");
  const equityBefore = await shownPositive(page.getByTestId("equity-value"));
  const historyBefore = await orderIds(page, "order-history-table");
  await sendTicket(page, { side: "buy", type: 2, qty: "0.5" });

  await page.getByTestId("account-tab-history").click();
  await expect
    .poll(async () => (await orderIds(page, "order-history-table")).length)
    .toBe(historyBefore.length + 1);
  const filled = (await orderIds(page, "order-history-table")).find(
    (id) => !historyBefore.includes(id),
  ) as string;
  await expect(page.getByTestId(`order-status-${filled}`)).toHaveAttribute(
    "data-status",
    "2",
  );

  await page.getByTestId("account-tab-positions").click();
  await expect(page.getByTestId("positions-row-BTCUSD")).toBeVisible();
  await expect(page.getByTestId("position-qty-BTCUSD")).toContainText("0.5");
  const pl = page.getByTestId("position-pl-BTCUSD");
  const plBefore = (await pl.textContent()) ?? "";
  await expect(pl).not.toHaveText(plBefore, { timeout: 20_000 });

  await page.getByTestId("account-tab-executions").click();
  await expect(
    page
      .getByTestId("executions-table")
      .locator('[data-testid^="executions-row-"]')
      .first(),
  ).toBeVisible();
  await expect
    .poll(() => numberIn(page.getByTestId("equity-value")))
    .not.toBe(equityBefore);
});

test("a limit order far from the market works, and cancelling it shows it cancelled", async ({
  page,
}) => {
  await login(page, "alice");
  const last = await shownPositive(page.getByTestId("watchlist-last-BTCUSD"));
  const limit = (Math.round(last * 50) / 100).toFixed(2);
  await page.getByTestId("account-tab-orders").click();
  const before = await orderIds(page, "working-orders-table");
  await sendTicket(page, {
    side: "buy",
    type: 1,
    qty: "0.01",
    limitPrice: limit,
  });
  await expect
    .poll(async () => (await orderIds(page, "working-orders-table")).length)
    .toBe(before.length + 1);
  const id = (await orderIds(page, "working-orders-table")).find(
    (o) => !before.includes(o),
  ) as string;
  await expect(page.getByTestId(`order-status-${id}`)).toHaveAttribute(
    "data-status",
    "6",
  );

  await page.getByTestId(`order-cancel-${id}`).click();
  await page.getByTestId("account-tab-history").click();
  await expect(
    page.getByTestId("order-history-table").getByTestId(`order-status-${id}`),
  ).toHaveAttribute("data-status", "1");
  expect(await orderIds(page, "working-orders-table")).not.toContain(id);
});

test("bad input in the ticket shows the server's error beside the field and places nothing", async ({
  page,
}) => {
  await login(page, "alice");
  const before = await orderCount(page);
  await sendTicket(page, { side: "buy", type: 2, qty: "0" });
  await expect(page.getByTestId("ticket-error-qty")).toHaveText(
    "qty must be > 0",
  );
  await sendTicket(page, {
    side: "buy",
    type: 1,
    qty: "0.01",
    limitPrice: "1000.005",
  });
  await expect(page.getByTestId("ticket-error-limitPrice")).toHaveText(
    "price must be a multiple of the tick size 0.01 for BTCUSD",
  );
  expect(await orderCount(page)).toBe(before);
});
