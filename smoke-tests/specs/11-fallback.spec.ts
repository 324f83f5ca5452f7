import {
  chromium,
  expect,
  test,
  type Browser,
  type Page,
} from "@playwright/test";
import {
  CHROMIUM,
  freePortAsync,
  stackUnderTest,
} from "../support/environment";
import {
  startBlockingProxy,
  type BlockingProxy,
} from "../support/blocking-proxy";
import { login, sendTicket, shownPositive } from "../support/terminal";

let proxy: BlockingProxy;
let browser: Browser;
let page: Page;

// This file's Chromium sends every request through a proxy that refuses WebSockets, loopback too
// (`<-loopback>` removes Chromium's implicit bypass of localhost).
test.beforeAll(async () => {
  const port = await freePortAsync();
  proxy = await startBlockingProxy(port);
  browser = await chromium.launch({
    ...CHROMIUM,
    args: [...CHROMIUM.args, "--proxy-bypass-list=<-loopback>"],
    proxy: { server: `http://127.0.0.1:${port}`, bypass: "<-loopback>" },
  });
  page = await browser.newPage({
    baseURL: stackUnderTest().baseURL,
    viewport: { width: 1600, height: 900 },
  });
});
test.afterAll(async () => {
  await browser.close();
  await proxy.close();
});

test("behind a proxy that refuses WebSockets the terminal falls back to SSE: live quotes, and an order placed and shown", async () => {
  await login(page, "alice");
  const status = page.getByTestId("connection-status");
  await expect(status).toHaveAttribute("data-transport", "sse");
  await expect(status).toHaveText("Connected (SSE)");
  // Chromium tunnels a ws:// handshake through an HTTP proxy with CONNECT: refused, never opened.
  const app = new URL(stackUnderTest().baseURL).host;
  expect(proxy.log.refused).toContain(`CONNECT ${app}`);
  expect(proxy.log.forwarded).toContain("GET /api/v1/sse");

  // Live quotes over the event stream.
  const eth = page.getByTestId("watchlist-last-ETHUSD");
  await shownPositive(eth);
  const before = (await eth.textContent()) ?? "";
  await expect(eth).not.toHaveText(before, { timeout: 20_000 });

  // An order placed over REST comes back on the orders channel, over the event stream.
  await page.getByTestId("account-tab-history").click();
  const rows = page
    .getByTestId("order-history-table")
    .locator('[data-testid^="orders-row-"]');
  const historyBefore = await rows.count();
  // About $24k, above the confirmation threshold: the ticket asks first.
  await sendTicket(page, { side: "buy", type: 2, qty: "0.25", confirm: true });
  await expect(rows).toHaveCount(historyBefore + 1);
  await page.getByTestId("account-tab-positions").click();
  await expect(page.getByTestId("positions-row-BTCUSD")).toBeVisible();
  // Subscribes and pings went as POSTs to the stream's session.
  expect(
    proxy.log.forwarded.some((r) => /^POST \/api\/v1\/sse\/[\w-]+$/.test(r)),
  ).toBe(true);

  // Read by the test itself, not through the proxy (Playwright's request API would tunnel).
  const metrics = await fetch(`${stackUnderTest().baseURL}/metrics`);
  expect(metrics.status).toBe(200);
  const sockets = (await metrics.text())
    .split("\n")
    .filter((line) => line.startsWith("tradewire_ws_transport_sockets{"));
  expect(sockets).toContain(
    'tradewire_ws_transport_sockets{transport="sse"} 1',
  );
  const testInfo = test.info();
  const path = testInfo.outputPath("end-state.png");
  await page.screenshot({ path });
  await testInfo.attach("end state", { path, contentType: "image/png" });
});
