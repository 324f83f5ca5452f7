import type { Page } from "@playwright/test";
import { login, sendTicket } from "../support/terminal";
import { expect, test } from "../support/fixtures";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Every CSP violation the page reports, as events and as console messages. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text()))
      console.push(msg.text());
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations?.push(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => window.__cspViolations ?? [])),
  ];
}

test("the terminal runs under its Content-Security-Policy with no violation: log in, chart, trade, account tabs", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");

  await login(page, "alice");
  await page.getByTestId("watchlist-row-ETHUSD").click();
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-symbol",
    "ETHUSD",
  );
  await sendTicket(page, { side: "buy", type: 2, qty: "0.1" });
  await page.getByTestId("account-tab-positions").click();
  await expect(page.getByTestId("positions-row-ETHUSD")).toBeVisible();
  for (const tab of ["orders", "history", "executions"])
    await page.getByTestId(`account-tab-${tab}`).click();
  // The chart redraws on live data meanwhile: let a few updates land under the policy.
  const chart = page.getByTestId("chart");
  const last = await chart.getAttribute("data-last-close");
  await expect(chart).not.toHaveAttribute("data-last-close", last ?? "", {
    timeout: 20_000,
  });
  expect(await violations()).toEqual([]);
});

test("another page cannot frame the terminal", async ({ page, baseURL }) => {
  const framed = page.waitForEvent(
    "framenavigated",
    (f) => f !== page.mainFrame(),
  );
  await page.setContent(
    `<iframe id="victim" src="${baseURL ?? ""}/" width="800" height="600"></iframe>`,
  );
  const frame = await framed;
  await frame.waitForLoadState();
  // Chromium refuses the document (frame-ancestors 'none') and shows its own error page instead.
  expect(await frame.locator("[data-testid=login-username]").count()).toBe(0);
  expect(frame.url()).not.toBe(`${baseURL ?? ""}/`);
});
