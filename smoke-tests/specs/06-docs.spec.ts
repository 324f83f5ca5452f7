import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

/**
 * Console errors, uncaught exceptions and CSP violations on the page, and every request it tried
 * to make to another host (refused here, so the pages are proven to work offline).
 */
async function watch(
  page: Page,
  baseURL: string,
): Promise<{ errors: string[]; foreign: string[] }> {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || /Content Security Policy/i.test(msg.text()))
      errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  await page.exposeFunction("__reportViolation", (text: string) =>
    errors.push(text),
  );
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as Record<string, unknown>)
        .__reportViolation as (text: string) => void;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const origin = new URL(baseURL).origin;
  await page.route(
    (url) => url.origin !== origin && url.protocol !== "data:",
    async (route) => {
      foreign.push(route.request().url());
      await route.abort();
    },
  );
  return { errors, foreign };
}

test("/docs links the REST and WebSocket references and gives the first calls", async ({
  page,
  baseURL,
}) => {
  const seen = await watch(page, baseURL ?? "");
  const response = await page.goto("/docs");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain(
    "script-src 'self'",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Tradewire API reference",
  );
  await expect(page.locator("pre").first()).toContainText("/api/v1/auth/login");
  await page.getByRole("link", { name: "WebSocket API" }).first().click();
  await expect(page).toHaveURL(/\/docs\/ws$/);
  expect(seen).toEqual({ errors: [], foreign: [] });
});

test("/docs/rest runs Swagger UI over the served OpenAPI document and shows placeOrder", async ({
  page,
  baseURL,
}) => {
  const seen = await watch(page, baseURL ?? "");
  const spec = page.waitForResponse((r) =>
    r.url().endsWith("/api/v1/openapi.json"),
  );
  await page.goto("/docs/rest");
  expect((await spec).status()).toBe(200);
  const placeOrder = page.locator(".opblock").filter({ hasText: "placeOrder" });
  await expect(placeOrder).toBeVisible();
  await expect(placeOrder).toContainText("/api/v1/broker/orders");
  // Opening an operation renders its schemas and examples: the part most likely to hit the CSP.
  await placeOrder.locator(".opblock-summary").click();
  const body = placeOrder.locator(".opblock-body");
  await expect(body).toContainText("Request body");
  await expect(body).toContainText('"symbol"');
  await body.getByText("Schema", { exact: true }).first().click();
  await expect(body).toContainText("PlaceOrderRequest");
  await body.getByRole("button", { name: "Try it out" }).click();
  await expect(body.getByRole("button", { name: "Execute" })).toBeVisible();
  await page
    .getByRole("button", { name: /Authorize/ })
    .first()
    .click();
  await expect(page.locator(".dialog-ux")).toContainText("bearer");
  await page.keyboard.press("Escape");
  expect(seen).toEqual({ errors: [], foreign: [] });
});

test("/docs/ws renders the AsyncAPI channels, with quotes, its frames and the close codes", async ({
  page,
  baseURL,
}) => {
  const seen = await watch(page, baseURL ?? "");
  await page.goto("/docs/ws");
  const quotes = page.locator("#channel-quotes");
  await expect(quotes.getByRole("heading", { level: 3 })).toHaveText(
    "Quotes quotes",
  );
  await expect(quotes).toContainText('"type":"quotes.subscribe"');
  await expect(page.locator("#CloseCode")).toContainText("SlowConsumer");
  await page.getByRole("link", { name: "Quotes", exact: true }).click();
  await expect(page).toHaveURL(/#channel-quotes$/);
  expect(seen).toEqual({ errors: [], foreign: [] });
});
