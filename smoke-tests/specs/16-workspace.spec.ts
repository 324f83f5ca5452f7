import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { login, numberIn, shownPositive } from "../support/terminal";

/** Side.Buy and OrderType.Limit on the wire. */
const BUY = 1;
const LIMIT = 1;
const MAIN = "acc-alice-main";
const SWING = "acc-alice-swing";

async function switchTo(page: Page, accountId: string): Promise<void> {
  await page.getByTestId("account-switcher").selectOption(accountId);
  await expect(page.getByTestId("account-switcher")).toHaveValue(accountId);
  await expect(page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "connected",
  );
}

/** The symbols of the shown watchlist, top to bottom. */
async function rows(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId("watchlist")
    .locator('[data-testid^="watchlist-row-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")));
  return ids.map((id) => (id ?? "").replace("watchlist-row-", ""));
}

async function addFromSearch(page: Page, symbol: string): Promise<void> {
  await page.getByTestId("watchlist-add-search").fill(symbol);
  await page.getByTestId(`watchlist-add-search-result-${symbol}`).click();
  await expect(page.getByTestId(`watchlist-row-${symbol}`)).toBeVisible();
}

test("switching alice's account moves every panel to the other account, and back", async ({
  page,
}) => {
  await login(page, "alice");
  await expect(page.getByTestId("account-switcher")).toHaveValue(MAIN);
  // A working order on the main account, placed over REST with this page's cookie (crypto trades
  // around the clock; a limit far below the market stays working).
  const placed = await page.request.post("/api/v1/broker/orders", {
    data: {
      symbol: "BTCUSD",
      side: BUY,
      type: LIMIT,
      qty: 0.01,
      limitPrice: 1000,
    },
  });
  expect(placed.status(), await placed.text()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string } };
  const row = page.getByTestId(`orders-row-${order.id}`);
  await page.getByTestId("account-tab-orders").click();
  await expect(row).toBeVisible();
  const mainBuyingPower = await shownPositive(
    page.getByTestId("buying-power-value"),
  );

  await switchTo(page, SWING);
  // Still signed in: the old socket's 4001 did not read as an expired session.
  await expect(page.getByTestId("login-form")).toHaveCount(0);
  await page.getByTestId("account-tab-orders").click();
  await expect(row).toHaveCount(0);
  // The swing account starts with 25,000 (backend demo users) and has traded nothing.
  await expect
    .poll(() => numberIn(page.getByTestId("equity-value")))
    .toBe(25_000);
  await expect
    .poll(() => numberIn(page.getByTestId("buying-power-value")))
    .not.toBe(mainBuyingPower);
  const orders = (await (
    await page.request.get("/api/v1/broker/orders")
  ).json()) as { id: string }[];
  expect(orders.map((o) => o.id)).not.toContain(order.id);

  // The cookie keeps the chosen account across a reload.
  await page.reload();
  await expect(page.getByTestId("account-switcher")).toHaveValue(SWING);

  await switchTo(page, MAIN);
  await page.getByTestId("account-tab-orders").click();
  await expect(row).toBeVisible();
  // The main account's 100,000 (less what the working order holds), not the swing's 25,000.
  await expect
    .poll(() => numberIn(page.getByTestId("equity-value")))
    .toBeGreaterThan(90_000);
  // Leave alice's main account as later scenarios expect it.
  const cancelled = await page.request.delete(
    `/api/v1/broker/orders/${order.id}`,
  );
  expect(cancelled.ok()).toBe(true);
});

test("a watchlist edit is kept on the server: a reload and a second browser show it", async ({
  page,
  browser,
}) => {
  await login(page, "alice");
  await page.getByTestId("watchlist-new").click();
  await page.getByTestId("watchlist-name").fill("Smoke 16");
  await page.getByTestId("watchlist-name").press("Enter");
  await expect(
    page.getByTestId("watchlist-select").locator("option:checked"),
  ).toHaveText("Smoke 16");
  await expect(page.getByTestId("watchlist-count")).toHaveText("0");

  for (const symbol of ["NFLX", "JPM", "XOM"])
    await addFromSearch(page, symbol);
  expect(await rows(page)).toEqual(["NFLX", "JPM", "XOM"]);
  // Keyboard: Alt+Up twice takes XOM to the top; then drag JPM onto XOM (drops before it).
  await page.getByTestId("watchlist-row-XOM").focus();
  await page.keyboard.press("Alt+ArrowUp");
  await page.keyboard.press("Alt+ArrowUp");
  await expect.poll(() => rows(page)).toEqual(["XOM", "NFLX", "JPM"]);
  await expect(page.getByTestId("watchlist-row-XOM")).toBeFocused();
  await page
    .getByTestId("watchlist-row-JPM")
    .dragTo(page.getByTestId("watchlist-row-XOM"));
  const expected = ["JPM", "XOM", "NFLX"];
  await expect.poll(() => rows(page)).toEqual(expected);
  // On the server, in order.
  await expect
    .poll(async () => {
      const lists = (await (
        await page.request.get("/api/v1/watchlists")
      ).json()) as { name: string; symbols: string[] }[];
      return lists.find((l) => l.name === "Smoke 16")?.symbols;
    })
    .toEqual(expected);

  await page.reload();
  await expect(
    page.getByTestId("watchlist-select").locator("option:checked"),
  ).toHaveText("Smoke 16");
  await expect.poll(() => rows(page)).toEqual(expected);

  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await login(second, "alice");
    await expect(
      second.getByTestId("watchlist-select").locator("option:checked"),
    ).toHaveText("Smoke 16");
    await expect.poll(() => rows(second)).toEqual(expected);
    // Leave alice as later scenarios expect her: the list deleted (after a confirmation).
    await second.getByTestId("watchlist-delete").click();
    await second.getByTestId("confirm-ok").click();
    await expect(
      second.getByTestId("watchlist-select").locator("option:checked"),
    ).not.toHaveText("Smoke 16");
  } finally {
    await other.close();
  }
});

const MAIN_PANELS = [
  "top-bar",
  "watchlist",
  "chart",
  "ticket",
  "account-manager",
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function panelBoxes(page: Page): Promise<Record<string, Box>> {
  const out: Record<string, Box> = {};
  for (const id of MAIN_PANELS) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    out[id] = box!;
  }
  return out;
}

/** Rounding of fractional pixels aside, the boxes share no area. */
function overlap(a: Box, b: Box): boolean {
  const e = 0.5;
  return (
    a.x + a.width > b.x + e &&
    b.x + b.width > a.x + e &&
    a.y + a.height > b.y + e &&
    b.y + b.height > a.y + e
  );
}

for (const [width, height] of [
  [1024, 768],
  [2560, 1440],
] as const) {
  test(`at ${width}x${height} the panels fit the window without overlapping`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    await login(page, "alice");
    const boxes = await panelBoxes(page);
    for (const [id, box] of Object.entries(boxes)) {
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(width + 0.5);
      expect(box.y + box.height, id).toBeLessThanOrEqual(height + 0.5);
    }
    for (const [i, a] of MAIN_PANELS.entries())
      for (const b of MAIN_PANELS.slice(i + 1))
        expect(overlap(boxes[a]!, boxes[b]!), `${a} / ${b}`).toBe(false);
    const scroll = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: document.documentElement.clientWidth,
      fontSize: getComputedStyle(document.body).fontSize,
    }));
    expect(scroll.page).toBeLessThanOrEqual(scroll.window);
    expect(scroll.fontSize).toBe(width >= 2000 ? "15px" : "12px");
    const path = testInfo.outputPath(`layout-${width}x${height}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`layout ${width}x${height}`, {
      path,
      contentType: "image/png",
    });
  });
}

test("a tablet (800x1100) gets one column of stacked panels and a scrolling page", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 800, height: 1100 });
  await login(page, "alice");
  const boxes = await panelBoxes(page);
  const stacked = MAIN_PANELS.map((id) => boxes[id]!);
  for (const [i, box] of stacked.entries()) {
    expect(box.x, MAIN_PANELS[i]).toBeLessThan(10);
    expect(box.width, MAIN_PANELS[i]).toBeGreaterThan(760);
    const next = stacked[i + 1];
    if (next) expect(next.y).toBeGreaterThanOrEqual(box.y + box.height - 0.5);
  }
  expect(
    await page
      .getByTestId("terminal")
      .evaluate((el) => el.scrollHeight > el.clientHeight),
  ).toBe(true);
  expect(
    await page.evaluate(
      () =>
        document.documentElement.scrollWidth <=
        document.documentElement.clientWidth,
    ),
  ).toBe(true);
  const path = testInfo.outputPath("layout-800x1100.png");
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach("layout 800x1100", { path, contentType: "image/png" });
});

/** Axe's WCAG AA contrast rule over the whole terminal, as `data-theme` has it now. */
async function contrastViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withRules(["color-contrast"])
    .analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  );
}

test("both themes pass WCAG AA contrast; the theme and the settings dialog are kept on the server", async ({
  page,
}) => {
  // Price flashes are transient colours: axe must see the settled page.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await login(page, "alice");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await contrastViolations(page)).toEqual([]);

  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await contrastViolations(page)).toEqual([]);

  await page.getByTestId("settings-open").click();
  const dialog = page.getByTestId("settings-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("settings-theme")).toHaveValue("light");
  const audit = await new AxeBuilder({ page })
    .include('[data-testid="settings-dialog"]')
    .withTags(["wcag2a", "wcag2aa"])
    .analyze();
  expect(audit.violations.map((v) => v.id)).toEqual([]);
  await page.getByTestId("settings-default-notional").fill("2500");
  await page.getByTestId("settings-default-notional").press("Tab");
  await page.getByTestId("settings-confirm-close").uncheck();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await page.request.get("/api/v1/settings")).json() as Promise<unknown>,
    )
    .toMatchObject({
      theme: "light",
      defaultNotional: 2500,
      confirmClose: false,
    });

  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  // Leave alice as later scenarios expect her.
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByTestId("settings-open").click();
  await page.getByTestId("settings-default-notional").fill("1000");
  await page.getByTestId("settings-default-notional").press("Tab");
  await page.getByTestId("settings-confirm-close").check();
  await expect
    .poll(
      async () =>
        (await page.request.get("/api/v1/settings")).json() as Promise<unknown>,
    )
    .toMatchObject({
      theme: "dark",
      defaultNotional: 1000,
      confirmClose: true,
    });
});
