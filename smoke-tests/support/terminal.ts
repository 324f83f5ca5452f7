import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

/** Sign in through the login form and wait for the terminal with a loaded chart. */
export async function login(page: Page, username: string): Promise<void> {
  await page.goto("/");
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("connection-status")).toHaveAttribute(
    "data-status",
    "connected",
  );
  await chartReady(page);
}

export async function chartReady(page: Page): Promise<void> {
  await expect(page.getByTestId("chart")).toHaveAttribute(
    "data-state",
    "ready",
  );
}

export interface ChartState {
  symbol: string;
  resolution: string;
  bars: number;
  firstTime: number;
  lastTime: number;
  lastClose: number;
}

/** What the chart holds, from the data attributes of its panel. */
export async function chartState(page: Page): Promise<ChartState> {
  const chart = page.getByTestId("chart");
  const attr = async (name: string) => (await chart.getAttribute(name)) ?? "";
  return {
    symbol: await attr("data-symbol"),
    resolution: await attr("data-resolution"),
    bars: Number(await attr("data-bars")),
    firstTime: Number(await attr("data-first-time")),
    lastTime: Number(await attr("data-last-time")),
    lastClose: Number(await attr("data-last-close")),
  };
}

/** A number as the terminal prints it (thousands separators, signs). */
export function parseNumber(text: string | null): number {
  return Number((text ?? "").replace(/[^0-9.+-]/g, ""));
}

export async function numberIn(locator: Locator): Promise<number> {
  return parseNumber(await locator.textContent());
}

/** A positive figure (price, equity) once `locator` shows one: the first quote may still be on its way. */
export async function shownPositive(locator: Locator): Promise<number> {
  await expect.poll(() => numberIn(locator)).toBeGreaterThan(0);
  return numberIn(locator);
}

export interface TicketInput {
  side: "buy" | "sell";
  /** OrderType: 2 market, 1 limit, 3 stop, 4 stop-limit. */
  type: 1 | 2 | 3 | 4;
  qty: string;
  limitPrice?: string;
  /** The order is large enough to ask first: wait for the confirmation and confirm it. */
  confirm?: boolean;
}

/** Fill the order ticket for the chart's symbol and send it. */
export async function sendTicket(
  page: Page,
  input: TicketInput,
): Promise<void> {
  await page.getByTestId(`ticket-side-${input.side}`).click();
  await page.getByTestId("ticket-type").selectOption(String(input.type));
  await page.getByTestId("ticket-qty").fill(input.qty);
  if (input.limitPrice !== undefined)
    await page.getByTestId("ticket-limit-price").fill(input.limitPrice);
  await page.getByTestId("ticket-submit").click();
  if (input.confirm) {
    await expect(page.getByTestId("confirm-dialog")).toBeVisible();
    await page.getByTestId("confirm-ok").click();
    await expect(page.getByTestId("confirm-dialog")).toBeHidden();
  }
}
