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
  // Worth about $48k, above the default 10,000 threshold: the ticket asks first.
  await sendTicket(page, { side: "buy", type: 2, qty: "0.5", confirm: true });

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

test("bad input in the ticket is refused beside its field and places nothing", async ({
  page,
}) => {
  await login(page, "alice");
  const before = await orderCount(page);
  await sendTicket(page, { side: "buy", type: 2, qty: "0" });
  await expect(page.getByTestId("ticket-error-qty")).toHaveText(
    "Quantity must be at least one lot (0.0001)",
  );
  await sendTicket(page, {
    side: "buy",
    type: 1,
    qty: "0.01",
    limitPrice: "1000.005",
  });
  await expect(page.getByTestId("ticket-error-limitPrice")).toHaveText(
    "Price must be a multiple of the tick 0.01",
  );
  // What only the broker can judge (a bracket on the wrong side of the entry) is its answer.
  await page.getByTestId("ticket-limit-price").fill("1000.00");
  await page.getByTestId("ticket-take-profit").fill("900.00");
  await page.getByTestId("ticket-submit").click();
  await expect(page.getByTestId("ticket-error-takeProfit")).toHaveText(
    "a buy's take-profit must be above its entry 1000",
  );
  expect(await orderCount(page)).toBe(before);
});
