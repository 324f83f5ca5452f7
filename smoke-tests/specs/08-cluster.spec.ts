import { join } from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  startCluster,
  startTcpBalancer,
  type Cluster,
  type TcpBalancer,
} from "@tradewire/backend/testing";
import { clusterServices, connectedInstance } from "../support/cluster";
import { REPO_ROOT } from "../support/environment";
import { chartReady, chartState, login, sendTicket } from "../support/terminal";

const services = clusterServices();

/** How often the second page is reloaded, at most, to get its socket onto another instance. */
const MAX_RELOADS = 8;

test("three instances behind one address: an order placed on one is live on another, and a stopped instance's browser fails over with the same state", async ({
  browser,
}) => {
  test.skip(
    !services,
    "DATABASE_URL and REDIS_URL not set: the cluster scenario does not run",
  );
  if (!services) return;
  let cluster: Cluster | undefined;
  let balancer: TcpBalancer | undefined;
  const contexts: BrowserContext[] = [];
  try {
    cluster = await startCluster({
      instances: 3,
      ...services,
      env: {
        // Each instance serves the terminal the main smoke stack built.
        FRONTEND_DIST: join(REPO_ROOT, "frontend/dist"),
        BACKFILL_DAYS: "1",
        LEADER_POLL_MS: "200",
        LOG_LEVEL: "info",
      },
    });
    // Round robin per connection, nothing sticky: a reconnect may land on any instance.
    balancer = await startTcpBalancer({ backends: cluster.addresses() });
    const baseURL = `http://${balancer.address}`;
    const newPage = async (): Promise<Page> => {
      const context = await browser.newContext({
        baseURL,
        viewport: { width: 1600, height: 900 },
      });
      contexts.push(context);
      return context.newPage();
    };
    const first = await newPage();
    const second = await newPage();
    await login(first, "alice");
    await login(second, "alice");
    const firstAt = await connectedInstance(first);
    let secondAt = await connectedInstance(second);
    for (let i = 0; secondAt === firstAt && i < MAX_RELOADS; i++) {
      await second.reload();
      await chartReady(second);
      secondAt = await connectedInstance(second);
    }
    expect(secondAt).not.toBe(firstAt);

    // Placed through the first instance, listed live by the second.
    await second.getByTestId("account-tab-orders").click();
    await first.getByTestId("account-tab-orders").click();
    await sendTicket(first, {
      side: "buy",
      type: 1,
      qty: "0.01",
      limitPrice: "1000.00",
    });
    const working = (page: Page) =>
      page
        .getByTestId("working-orders-table")
        .locator('[data-testid^="orders-row-"]');
    await expect(working(first)).toHaveCount(1);
    const orderRow =
      (await working(first).first().getAttribute("data-testid")) ?? "";
    await expect(second.getByTestId(orderRow)).toBeVisible();

    // The second page's instance goes away gracefully (1012): it reconnects through the balancer.
    const stopped = [0, 1, 2].find((i) => cluster?.instanceId(i) === secondAt);
    expect(
      stopped,
      `${secondAt} is one of the cluster's instances`,
    ).toBeDefined();
    await cluster.kill(stopped as number, "SIGTERM");
    await expect
      .poll(() => connectedInstance(second), { timeout: 30_000 })
      .not.toBe(secondAt);
    await expect(second.getByTestId("connection-status")).toHaveAttribute(
      "data-status",
      "connected",
    );

    // The same state there: the working order still listed, the chart still fed.
    await expect(second.getByTestId(orderRow)).toBeVisible();
    await expect(working(second)).toHaveCount(1);
    // Its new socket follows the account: a second order from the first page arrives live.
    await sendTicket(first, {
      side: "buy",
      type: 1,
      qty: "0.02",
      limitPrice: "1001.00",
    });
    await expect(working(first)).toHaveCount(2);
    await expect(working(second)).toHaveCount(2);
    await chartReady(second);
    const bar = await chartState(second);
    await expect
      .poll(
        async () => {
          const now = await chartState(second);
          return `${now.lastTime}/${now.lastClose}`;
        },
        { timeout: 30_000 },
      )
      .not.toBe(`${bar.lastTime}/${bar.lastClose}`);
    test.info().annotations.push({
      type: "instances",
      description: `first page on ${firstAt}; second on ${secondAt}, then on ${await connectedInstance(second)} after ${secondAt} stopped`,
    });
    // The end state, as support/fixtures saves it for the scenarios on the main stack.
    const path = test.info().outputPath("end-state.png");
    await second.screenshot({ path });
    await test.info().attach("end state", { path, contentType: "image/png" });
  } catch (failure) {
    if (cluster)
      await test.info().attach("instance logs", { body: cluster.logs() });
    throw failure;
  } finally {
    for (const context of contexts) await context.close();
    await balancer?.close();
    await cluster?.stop();
  }
});
