import type { Page } from "@playwright/test";
import {
  login,
  numberIn,
  sendTicket,
  shownPositive,
} from "../support/terminal";
import { expect, test } from "../support/fixtures";

async function orderCount(page: Page): Promise<number> {
  const res = await page.request.get("/api/v1/broker/orders");
  expect(res.ok()).toBe(true);
  return ((await res.json()) as unknown[]).length;
}

interface SettingsSchema {
  components: {
    schemas: {
      UserSettings: { properties: { defaultNotional: { default: number } } };
    };
  };
}

/**
 * The settings the ticket rules read as a new user has them (confirm above 10,000, no quantity
 * remembered: earlier scenarios trade as the same user), then the terminal loaded with them; the
 * default notional it offers, from the served contract. A server without `/api/v1/settings` yet
 * (404) keeps nothing between page loads, so the reload alone starts from the defaults.
 */
async function freshTicketSettings(page: Page): Promise<number> {
  const spec = (await (
    await page.request.get("/api/v1/openapi.json")
  ).json()) as SettingsSchema;
  let defaultNotional =
    spec.components.schemas.UserSettings.properties.defaultNotional.default;
  const current = await page.request.get("/api/v1/settings");
  if (current.status() !== 404) {
    expect(current.ok()).toBe(true);
    const settings = (await current.json()) as Record<string, unknown>;
    defaultNotional = Number(settings.defaultNotional);
    const res = await page.request.put("/api/v1/settings", {
      data: {
        ...settings,
        quantities: {},
        confirmOrders: true,
        confirmAboveNotional: 10_000,
        confirmClose: true,
      },
    });
    expect(res.ok()).toBe(true);
  }
  await page.reload();
  await expect(page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "connected",
  );
  return defaultNotional;
}

async function selectSymbol(page: Page, symbol: string): Promise<void> {
  await page.getByTestId(`watchlist-row-${symbol}`).click();
  await expect(page.getByTestId("ticket")).toContainText(symbol);
}

test("a large order asks first: a cancelled confirmation sends nothing, a confirmed one is placed", async ({
  page,
}) => {
  await login(page, "alice");
  await freshTicketSettings(page);
  await selectSymbol(page, "BTCUSD");
  await shownPositive(page.getByTestId("watchlist-ask-BTCUSD"));
  const before = await orderCount(page);

  // 0.2 BTC is worth about $19k: above the 10,000 threshold.
  await sendTicket(page, { side: "buy", type: 2, qty: "0.2" });
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("confirm-body")).toContainText(
    "Buy 0.2 BTCUSD Market",
  );
  await expect(page.getByTestId("confirm-body")).toContainText("Notional");
  // Focus starts on Cancel, so a stray Enter sends nothing either.
  await expect(page.getByTestId("confirm-cancel")).toBeFocused();
  await page.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  expect(await orderCount(page)).toBe(before);
  await expect(page.getByTestId("ticket-status")).toHaveCount(0);

  await page.getByTestId("ticket-submit").click();
  await expect(dialog).toBeVisible();
  await page.getByTestId("confirm-ok").click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => orderCount(page)).toBe(before + 1);
  await expect(page.getByTestId("ticket-status")).toHaveAttribute(
    "data-status",
    "filled",
  );
  await expect(page.getByTestId("ticket-status")).toContainText(
    "Buy 0.2 BTCUSD Market: filled 0.2 @",
  );
});

test("closing a position asks first: Cancel keeps it and sends nothing, Close closes it", async ({
  page,
}) => {
  await login(page, "alice");
  await freshTicketSettings(page);
  await selectSymbol(page, "ETHUSD");
  await sendTicket(page, { side: "buy", type: 2, qty: "0.1" });
  await page.getByTestId("account-tab-positions").click();
  const row = page.getByTestId("positions-row-ETHUSD");
  await expect(row).toBeVisible();
  const before = await orderCount(page);

  await page.getByTestId("position-close-ETHUSD").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(page.getByTestId("confirm-title")).toHaveText("Close ETHUSD");
  // Earlier scenarios may have left alice long ETHUSD too: the whole position is closed.
  const held = (await page.getByTestId("position-qty-ETHUSD").textContent())
    ?.trim()
    .replace(/,/g, "");
  await expect(page.getByTestId("confirm-body")).toContainText(
    `Sell ${held} ETHUSD Market (closes the long position)`,
  );
  await page.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  expect(await orderCount(page)).toBe(before);
  await expect(row).toBeVisible();

  await page.getByTestId("position-close-ETHUSD").click();
  await page.getByTestId("confirm-ok").click();
  await expect(row).toBeHidden();
  expect(await orderCount(page)).toBe(before + 1);
});

test("a ticket order against the open position asks while confirmClose is on: it closes or reverses it", async ({
  page,
}) => {
  await login(page, "alice");
  await freshTicketSettings(page);
  await selectSymbol(page, "ETHUSD");
  await page.getByTestId("account-tab-positions").click();
  const row = page.getByTestId("positions-row-ETHUSD");
  const dialog = page.getByTestId("confirm-dialog");
  // Flat first: earlier scenarios may have left alice holding ETHUSD.
  if (await row.isVisible()) {
    await page.getByTestId("position-close-ETHUSD").click();
    await page.getByTestId("confirm-ok").click();
    await expect(row).toBeHidden();
  }
  await sendTicket(page, { side: "buy", type: 2, qty: "0.1" });
  await expect(page.getByTestId("position-qty-ETHUSD")).toHaveText("0.1");
  const before = await orderCount(page);

  // About $300: under the notional threshold, so only the closing rule asks.
  await sendTicket(page, { side: "sell", type: 2, qty: "0.1" });
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("confirm-body")).toContainText(
    "Closes 0.1 of your long 0.1 ETHUSD",
  );
  await page.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  await sendTicket(page, { side: "sell", type: 2, qty: "0.15" });
  await expect(page.getByTestId("confirm-body")).toContainText(
    "Reverses your long 0.1 ETHUSD to a short 0.05",
  );
  await page.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  expect(await orderCount(page)).toBe(before);
  await expect(row).toBeVisible();

  await sendTicket(page, { side: "sell", type: 2, qty: "0.1", confirm: true });
  await expect(row).toBeHidden();
  expect(await orderCount(page)).toBe(before + 1);
});

test("switching from AAPL to BTCUSD never carries the quantity; BTCUSD starts at about the default notional", async ({
  page,
}) => {
  await login(page, "alice");
  const defaultNotional = await freshTicketSettings(page);
  await selectSymbol(page, "AAPL");
  const qty = page.getByTestId("ticket-qty");
  await expect(qty).not.toHaveValue("");
  await qty.fill("10");

  await selectSymbol(page, "BTCUSD");
  await expect(qty).not.toHaveValue("");
  await expect(qty).not.toHaveValue("10");
  await expect(qty).toHaveValue(/^0\.\d{4}$/);
  const btc = Number(await qty.inputValue());
  const ask = await shownPositive(page.getByTestId("watchlist-ask-BTCUSD"));
  // Whole lots of 0.0001 rounded down: within a lot (and the quote's move since) of the notional.
  expect(btc * ask).toBeGreaterThan(defaultNotional * 0.95);
  expect(btc * ask).toBeLessThan(defaultNotional * 1.05);
  const notional = await numberIn(page.getByTestId("ticket-notional"));
  expect(notional).toBeGreaterThan(defaultNotional * 0.95);
  expect(notional).toBeLessThan(defaultNotional * 1.05);
  await expect(page.getByTestId("ticket-submit")).toHaveText(
    `Buy ${String(btc)} BTCUSD Market`,
  );
});

test("B and S never type into the quantity field", async ({ page }) => {
  await login(page, "alice");
  await selectSymbol(page, "BTCUSD");
  const qty = page.getByTestId("ticket-qty");
  const buy = page.getByTestId("ticket-side-buy");
  const sell = page.getByTestId("ticket-side-sell");

  await qty.fill("0.1");
  await qty.press("s");
  await expect(qty).toHaveValue("0.1");
  await expect(sell).toHaveAttribute("aria-pressed", "true");
  await qty.press("b");
  await expect(qty).toHaveValue("0.1");
  await expect(buy).toHaveAttribute("aria-pressed", "true");

  // From outside any field the key focuses the quantity, and still types nothing into it.
  await page.getByTestId("chart").click();
  await expect(qty).not.toBeFocused();
  await page.keyboard.press("s");
  await expect(qty).toBeFocused();
  await expect(qty).toHaveValue("0.1");
  await expect(sell).toHaveAttribute("aria-pressed", "true");

  // Letters and exponents are not part of a number: only the digits get in.
  await qty.press("End");
  await page.keyboard.type("e5x");
  await expect(qty).toHaveValue("0.15");
});

test("EURUSD offers whole 1,000-unit lots, margins a thirtieth, and the broker accepts the offer", async ({
  page,
}) => {
  await login(page, "alice");
  await freshTicketSettings(page);
  await selectSymbol(page, "EURUSD");
  const qty = page.getByTestId("ticket-qty");
  await expect(qty).toHaveValue(/^\d+000$/);
  const offered = Number(await qty.inputValue());
  expect(offered).toBeGreaterThanOrEqual(1000);
  // Both figures read from one quote (it may tick between the two reads: poll).
  await expect
    .poll(async () => {
      const notional = await numberIn(page.getByTestId("ticket-notional"));
      const margin = await numberIn(page.getByTestId("ticket-margin"));
      return Math.abs(margin - notional / 30) < 0.02;
    })
    .toBe(true);

  await page.getByTestId("ticket-side-buy").click();
  await page.getByTestId("ticket-submit").click();
  // Not refused for its lot: filled while FX trades, working over the weekend.
  await expect(page.getByTestId("ticket-status")).toHaveAttribute(
    "data-status",
    /^(filled|working)$/,
  );
  await expect(page.getByTestId("ticket-error-qty")).toHaveCount(0);
});
