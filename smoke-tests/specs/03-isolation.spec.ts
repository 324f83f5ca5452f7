import type { Page } from "@playwright/test";
import { login, sendTicket } from "../support/terminal";
import { expect, test } from "../support/fixtures";

/** An order against an open position asks first while confirmClose is on (the default): yes. */
async function confirmIfAsked(page: Page): Promise<void> {
  const ok = page.getByTestId("confirm-ok");
  const asked = await ok
    .waitFor({ state: "visible", timeout: 1_500 })
    .then(() => true)
    .catch(() => false);
  if (asked) await ok.click();
}

test("two users in two browsers never see each other's orders, positions or executions", async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  try {
    await login(alice, "alice");
    await login(bob, "bob");
    // Bob trades a symbol nobody else touches: a fill (position, execution) and a working order.
    await bob.getByTestId("watchlist-row-ETHUSD").click();
    await expect(bob.getByTestId("chart")).toHaveAttribute(
      "data-symbol",
      "ETHUSD",
    );
    // Bob may hold ETHUSD from earlier runs: either order may close (part of) it and ask.
    await sendTicket(bob, { side: "sell", type: 2, qty: "0.3" });
    await confirmIfAsked(bob);
    await bob.getByTestId("account-tab-positions").click();
    await expect(bob.getByTestId("positions-row-ETHUSD")).toBeVisible();
    await sendTicket(bob, {
      side: "buy",
      type: 1,
      qty: "0.2",
      limitPrice: "100.00",
    });
    await confirmIfAsked(bob);
    const bobsOrders = (await (
      await bob.request.get("/api/v1/broker/orders")
    ).json()) as { id: string }[];
    const bobsExecutions = (
      (await (await bob.request.get("/api/v1/broker/executions")).json()) as {
        items: { id: string }[];
      }
    ).items;
    expect(bobsOrders.length).toBeGreaterThanOrEqual(2);

    // Alice's terminal shows none of it, live or after a reload.
    await alice.reload();
    await expect(alice.getByTestId("chart")).toHaveAttribute(
      "data-state",
      "ready",
    );
    for (const tab of ["positions", "orders", "history", "executions"])
      await alice.getByTestId(`account-tab-${tab}`).click();
    await expect(alice.getByTestId("positions-row-ETHUSD")).toHaveCount(0);
    for (const order of bobsOrders)
      await expect(alice.getByTestId(`orders-row-${order.id}`)).toHaveCount(0);
    for (const execution of bobsExecutions)
      await expect(
        alice.getByTestId(`executions-row-${execution.id}`),
      ).toHaveCount(0);
    // Nor can she reach it by asking the API for it.
    const probe = await alice.request.get(
      `/api/v1/broker/orders/${bobsOrders[0]?.id ?? ""}`,
    );
    expect(probe.status()).toBe(404);
    expect(
      (
        await alice.request.get("/api/v1/broker/orders?accountId=acc-bob-main")
      ).status(),
    ).toBe(404);
  } finally {
    for (const [name, page] of [
      ["alice", alice],
      ["bob", bob],
    ] as const) {
      const path = testInfo.outputPath(`end-state-${name}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`end state (${name})`, {
        path,
        contentType: "image/png",
      });
    }
    await aliceContext.close();
    await bobContext.close();
  }
});
