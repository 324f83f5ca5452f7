import { writeFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { chartState, login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

/** WCAG 2.0 and 2.1, levels A and AA: what the issue asks the terminal to meet. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** Every state audited in one test, so a run lists all that is wrong rather than the first. */
class Audit {
  private readonly results: Record<string, AxeResults> = {};
  readonly failures: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly theme: string,
  ) {}

  async check(state: string): Promise<void> {
    const name = `${this.theme}: ${state}`;
    const results = await new AxeBuilder({ page: this.page })
      .withTags(WCAG_TAGS)
      .analyze();
    this.results[name] = results;
    for (const v of results.violations) {
      if (!BLOCKING.has(v.impact ?? "")) continue;
      const targets = v.nodes.map((n) => `      ${n.target.join(" ")}`);
      this.failures.push(
        `[${name}] ${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}\n${targets.join("\n")}`,
      );
    }
  }

  async attach(testInfo: TestInfo): Promise<void> {
    // A file beside the trace as well as in the report, whichever reporter ran.
    const path = testInfo.outputPath(`axe-results-${this.theme}.json`);
    await writeFile(path, JSON.stringify(this.results, null, 2));
    await testInfo.attach(`axe-results-${this.theme}.json`, {
      path,
      contentType: "application/json",
    });
  }
}

async function signInPage(page: Page, audit: Audit): Promise<void> {
  await expect(page.getByTestId("login-form")).toBeVisible();
  await audit.check("sign-in");
  // The refusal message is part of the page a user must be able to read.
  await page.getByTestId("login-username").fill("alice");
  await page.getByTestId("login-password").fill("not-the-password");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toBeVisible();
  await audit.check("sign-in refused");
}

async function orderCount(page: Page): Promise<number> {
  const res = await page.request.get("/api/v1/broker/orders");
  expect(res.ok()).toBe(true);
  return ((await res.json()) as unknown[]).length;
}

/** Send the ticket as it is filled; a confirmation, where the build asks for one, is audited and accepted. */
async function send(page: Page, audit: Audit): Promise<void> {
  const before = await orderCount(page);
  await page.getByTestId("ticket-submit").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect
    .poll(async () => {
      if (await dialog.isVisible()) {
        await audit.check("order confirmation");
        await page.getByTestId("confirm-ok").click();
      }
      return orderCount(page);
    })
    .toBe(before + 1);
}

/** Rows in every table of the account panel, so their cells and row actions are audited too. */
async function seedAccount(page: Page, audit: Audit): Promise<void> {
  await page.getByTestId("ticket-side-buy").click();
  await page.getByTestId("ticket-type").selectOption("2");
  await page.getByTestId("ticket-qty").fill("0.01");
  await send(page, audit);
  // A limit far under the market stays working.
  const last = (await chartState(page)).lastClose;
  await page.getByTestId("ticket-type").selectOption("1");
  await page.getByTestId("ticket-limit-price").fill((last * 0.5).toFixed(2));
  await send(page, audit);

  await page.getByTestId("alert-new").click();
  await expect(page.getByTestId("alert-form")).toBeVisible();
  await page.getByTestId("alert-price").fill((last * 2).toFixed(2));
  await audit.check("alert form open");
  await page.getByTestId("alert-create").click();
  await expect(page.getByTestId("alert-form")).toBeHidden();

  await page.getByTestId("account-tab-history-jobs").click();
  await page.getByTestId("history-range-1w").click();
  await page.getByTestId("history-start").click();
  await expect(
    page.locator('[data-testid^="history-job-"][data-status]').first(),
  ).toBeVisible();
}

/** The signed-in terminal in every state the issue lists, with its data loaded. */
async function terminal(page: Page, audit: Audit): Promise<void> {
  await expect(page.getByTestId("watchlist-last-BTCUSD")).not.toBeEmpty();
  await expect(page.getByTestId("chart-legend")).toBeVisible();
  await audit.check("terminal");

  for (const tab of [
    "positions",
    "orders",
    "history",
    "executions",
    "alerts",
    "history-jobs",
  ]) {
    await page.getByTestId(`account-tab-${tab}`).click();
    await expect(page.getByTestId(`account-tab-${tab}`)).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await audit.check(`account tab ${tab}`);
  }
  // A working order being modified.
  await page.getByTestId("account-tab-orders").click();
  const modify = page.locator('[data-testid^="order-modify-"]').first();
  await modify.click();
  await expect(
    page.locator('[data-testid^="order-edit-qty-"]').first(),
  ).toBeVisible();
  await audit.check("working order being modified");
  await page
    .locator('[data-testid^="order-edit-qty-"]')
    .first()
    .press("Escape");

  const search = page.getByTestId("symbol-search");
  await search.fill("ETH");
  await expect(page.getByTestId("symbol-search-result-ETHUSD")).toBeVisible();
  await audit.check("symbol search open");
  await search.press("Escape");

  // OrderType: 2 market, 1 limit, 3 stop, 4 stop-limit.
  const orderTypes: [string, string][] = [
    ["2", "market"],
    ["1", "limit"],
    ["3", "stop"],
    ["4", "stop-limit"],
  ];
  for (const [type, name] of orderTypes) {
    await page.getByTestId("ticket-type").selectOption(type);
    await audit.check(`order ticket ${name}`);
  }
  // A refused ticket shows its errors beside the fields.
  await page.getByTestId("ticket-qty").fill("0");
  await page.getByTestId("ticket-submit").click();
  await expect(page.getByTestId("ticket-error-qty")).toBeVisible();
  await audit.check("order ticket with an error");
  await page.getByTestId("ticket-qty").fill("1");
  await page.getByTestId("ticket-type").selectOption("2");

  await page.getByTestId("indicator-picker").click();
  await expect(page.getByTestId("indicator-menu")).toBeVisible();
  if ((await page.getByTestId("study-sma").count()) === 0)
    await page.getByTestId("indicator-add-sma").click();
  await expect(page.getByTestId("study-sma")).toBeVisible();
  await audit.check("indicator picker open");
  await page.getByTestId("indicator-picker").click();

  await page.getByTestId("chart-compare").click();
  await expect(page.getByTestId("chart-compare-menu")).toBeVisible();
  await audit.check("compare menu open");
  await page.getByTestId("chart-compare").click();
}

test("sign-in page and terminal: no serious or critical WCAG 2.1 AA violations", async ({
  page,
}, testInfo) => {
  // Some twenty full-page audits per theme, each a second or more on two shared cores.
  test.setTimeout(300_000);
  const failures: string[] = [];
  const dark = new Audit(page, "dark");
  // Dark whatever a theme setting may take from the system (Playwright's default is light).
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await signInPage(page, dark);
  await login(page, "alice");
  await seedAccount(page, dark);
  await terminal(page, dark);
  await dark.attach(testInfo);
  failures.push(...dark.failures);

  // The light theme is audited wherever the build has its toggle. Builds before the theme
  // setting have only the dark theme, so the audit above is the whole of it there; the
  // annotation says which one this run covered rather than passing quietly.
  const toggle = page.getByTestId("theme-toggle");
  if ((await toggle.count()) === 0) {
    testInfo.annotations.push({
      type: "light theme",
      description: "not audited: this build has no theme-toggle (dark only)",
    });
  } else {
    testInfo.annotations.push({ type: "light theme", description: "audited" });
    const light = new Audit(page, "light");
    await toggle.click();
    await expect(page.locator('[data-theme="light"]').first()).toBeAttached();
    await terminal(page, light);
    await page.getByTestId("logout").click();
    await expect(page.getByTestId("login-form")).toBeVisible();
    if ((await page.locator('[data-theme="light"]').count()) > 0)
      await signInPage(page, light);
    else
      testInfo.annotations.push({
        type: "light theme",
        description:
          "sign-in page not audited: it is not drawn in the light theme",
      });
    await light.attach(testInfo);
    failures.push(...light.failures);
    // Leave the user's setting as the other scenarios expect it.
    await login(page, "alice");
    await page.getByTestId("theme-toggle").click();
  }

  expect(
    failures,
    `serious or critical axe violations:\n${failures.join("\n")}`,
  ).toEqual([]);
});

test("keyboard: a visible focus ring, account tabs on the arrow keys, the watchlist bell by Tab", async ({
  page,
}) => {
  await login(page, "alice");
  const focusRing = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return `${el.getAttribute("data-testid") ?? el.id}: ${style.outlineStyle} ${style.outlineWidth}`;
    });

  await page.getByTestId("account-tab-positions").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("account-tab-orders")).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await expect(page.getByTestId("account-tab-orders")).toBeFocused();
  expect(await focusRing()).toBe("account-tab-orders: solid 2px");
  await page.keyboard.press("End");
  await expect(page.getByTestId("account-tab-history-jobs")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("account-tab-positions")).toBeFocused();
  // Tab leaves the tab list for the open panel: one tab stop for the six tabs.
  await page.keyboard.press("Tab");
  await expect(page.locator("#account-panel-positions")).toBeFocused();

  // A watchlist row, then Tab to its bell, Enter: the alert form for that symbol.
  await page.getByTestId("watchlist-row-ETHUSD").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("watchlist-alert-ETHUSD")).toBeFocused();
  expect(await focusRing()).toBe("watchlist-alert-ETHUSD: solid 2px");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("alert-form")).toBeVisible();
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-symbol",
    "ETHUSD",
  );
});
