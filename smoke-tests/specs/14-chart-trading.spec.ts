import type { Page } from "@playwright/test";
import { chartState, login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

/** `[id, price, label, y]` of each account line on the chart, from the chart element. */
type Line = [string, number, string, number | null];

async function orderLines(page: Page): Promise<Line[]> {
  const raw = await page
    .getByTestId("chart-canvas")
    .getAttribute("data-order-lines");
  return raw ? (JSON.parse(raw) as Line[]) : [];
}

async function lineOf(page: Page, id: string): Promise<Line | undefined> {
  return (await orderLines(page)).find((l) => l[0] === id);
}

interface WireOrder {
  id: string;
  status: number;
  limitPrice?: number;
  stopPrice?: number;
}

async function serverOrder(page: Page, id: string): Promise<WireOrder> {
  const res = await page.request.get(`/api/v1/broker/orders/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as WireOrder;
}

async function place(page: Page, body: object): Promise<string> {
  const res = await page.request.post("/api/v1/broker/orders", { data: body });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { order: WireOrder }).order.id;
}

/** Another helper's rule may ask before a large change: say yes if it does. */
async function confirmIfAsked(page: Page): Promise<void> {
  const ok = page.getByTestId("confirm-ok");
  // An order against bob's position asks too (confirmClose): give the dialog a moment to open.
  const asked = await ok
    .waitFor({ state: "visible", timeout: 1_500 })
    .then(() => true)
    .catch(() => false);
  if (asked) await ok.click();
}

/** The price at a share of the price pane's height, on BTCUSD's tick grid (0.01). */
async function priceAt(page: Page, share: number): Promise<number> {
  const raw = await page
    .getByTestId("chart-canvas")
    .getAttribute("data-price-span");
  const [top, bottom] = JSON.parse(raw ?? "[]") as [number, number, number];
  return Number((top + (bottom - top) * share).toFixed(2));
}

test("a working order is a line on the chart: dragging it and the keyboard modify it, its control cancels it", async ({
  page,
}) => {
  await login(page, "bob");
  const { symbol, lastClose } = await chartState(page);
  const box = await page.getByTestId("chart-canvas").boundingBox();
  if (!box) throw new Error("the chart has no size");
  const x = box.x + box.width / 2;
  // Low in the candles' part of the pane: a price the chart shows, away from the last one.
  const level = await priceAt(page, 0.6);
  const buy = level < lastClose;
  const id = await place(page, {
    symbol,
    type: 1,
    side: buy ? 1 : -1,
    qty: 0.01,
    limitPrice: level,
  });

  await expect
    .poll(async () => (await lineOf(page, id))?.[2])
    .toBe(`${buy ? "BUY" : "SELL"} LMT 0.01`);
  const [, price, , y] = (await lineOf(page, id)) as Line;
  expect(price).toBe(level);
  if (y === null) throw new Error("the order's line is off the price scale");

  // Away from the market, so the order keeps working: down for a buy, up for a sell.
  const away = buy ? 40 : -40;
  await page.mouse.move(x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(x, box.y + y + away, { steps: 8 });
  await page.mouse.up();
  await confirmIfAsked(page);
  await expect
    .poll(async () => (await serverOrder(page, id)).limitPrice)
    .not.toBe(level);
  const dragged = (await serverOrder(page, id)).limitPrice as number;
  expect(buy ? dragged < level : dragged > level).toBe(true);
  await expect.poll(async () => (await lineOf(page, id))?.[1]).toBe(dragged);

  // The keyboard way: focus the line's handle, two ticks away from the market, Enter.
  const handle = page.getByTestId(`chart-order-line-${id}`);
  await handle.focus();
  await page.keyboard.press(buy ? "ArrowDown" : "ArrowUp");
  await page.keyboard.press(buy ? "ArrowDown" : "ArrowUp");
  await page.keyboard.press("Enter");
  await confirmIfAsked(page);
  await expect
    .poll(async () => (await serverOrder(page, id)).limitPrice)
    .not.toBe(dragged);
  const moved = (await serverOrder(page, id)).limitPrice as number;
  expect(Math.abs(moved - dragged)).toBeGreaterThan(0);
  expect(buy ? moved < dragged : moved > dragged).toBe(true);

  await page.getByTestId(`chart-order-cancel-${id}`).click();
  await expect.poll(async () => (await serverOrder(page, id)).status).toBe(1);
  await expect.poll(async () => lineOf(page, id)).toBeUndefined();
});

test("a stop-limit order is two lines: dragging the limit line moves its limit, the stop line's keys its stop", async ({
  page,
}) => {
  await login(page, "bob");
  const { symbol, lastClose } = await chartState(page);
  const box = await page.getByTestId("chart-canvas").boundingBox();
  if (!box) throw new Error("the chart has no size");
  const x = box.x + box.width / 2;
  // A stop away from the market (a sell's below it, a buy's above), its limit beyond the stop.
  const stop = await priceAt(page, 0.6);
  const buy = stop > lastClose;
  const limit = await priceAt(page, buy ? 0.5 : 0.7);
  const side = buy ? "BUY" : "SELL";
  const id = await place(page, {
    symbol,
    type: 4,
    side: buy ? 1 : -1,
    qty: 0.01,
    stopPrice: stop,
    limitPrice: limit,
  });
  const limitId = `${id}:limit`;
  await expect
    .poll(async () => [
      (await lineOf(page, id))?.[2],
      (await lineOf(page, limitId))?.[2],
    ])
    .toEqual([`${side} STP-LMT 0.01 stop`, `${side} STP-LMT 0.01 limit`]);
  const [, limitAt, , y] = (await lineOf(page, limitId)) as Line;
  expect(limitAt).toBe(limit);
  if (y === null) throw new Error("the limit line is off the price scale");

  // The limit line, further from the stop: only the limit changes.
  await page.mouse.move(x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(x, box.y + y + (buy ? -30 : 30), { steps: 8 });
  await page.mouse.up();
  await confirmIfAsked(page);
  await expect
    .poll(async () => (await serverOrder(page, id)).limitPrice)
    .not.toBe(limit);
  const dragged = await serverOrder(page, id);
  expect(buy ? dragged.limitPrice! > limit : dragged.limitPrice! < limit).toBe(
    true,
  );
  expect(dragged.stopPrice).toBe(stop);

  // The stop line from the keyboard, two ticks away from the market: only the stop changes.
  const handle = page.getByTestId(`chart-order-line-${id}`);
  await handle.focus();
  await page.keyboard.press(buy ? "ArrowUp" : "ArrowDown");
  await page.keyboard.press(buy ? "ArrowUp" : "ArrowDown");
  await page.keyboard.press("Enter");
  await confirmIfAsked(page);
  await expect
    .poll(async () => (await serverOrder(page, id)).stopPrice)
    .not.toBe(stop);
  const moved = await serverOrder(page, id);
  expect(buy ? moved.stopPrice! > stop : moved.stopPrice! < stop).toBe(true);
  expect(moved.limitPrice).toBe(dragged.limitPrice);

  // The limit line's × cancels the order: both lines go.
  await page.getByTestId(`chart-order-cancel-${limitId}`).click();
  await expect.poll(async () => (await serverOrder(page, id)).status).toBe(1);
  await expect.poll(async () => lineOf(page, id)).toBeUndefined();
  await expect.poll(async () => lineOf(page, limitId)).toBeUndefined();
});

test("a market order's fill is toasted with the symbol and quantity, and marked on its bar", async ({
  page,
}) => {
  await login(page, "bob");
  const { symbol } = await chartState(page);
  const canvas = page.getByTestId("chart-canvas");
  const markersBefore = Number(
    (await canvas.getAttribute("data-execution-markers")) ?? "0",
  );
  await place(page, { symbol, type: 2, side: 1, qty: 0.01 });
  const toast = page
    .getByTestId("toast")
    .filter({ hasText: "Order filled" })
    .first();
  await expect(toast.getByTestId("toast-body")).toContainText(
    `Bought 0.01 ${symbol} @ `,
  );
  await expect
    .poll(async () =>
      Number(await canvas.getAttribute("data-execution-markers")),
    )
    .toBe(markersBefore + 1);
});

test("a bracket's take profit and stop loss are lines tied to their parent; dragging the take profit moves it on the server", async ({
  page,
}) => {
  await login(page, "bob");
  const { symbol, lastClose } = await chartState(page);
  const box = await page.getByTestId("chart-canvas").boundingBox();
  if (!box) throw new Error("the chart has no size");
  const x = box.x + box.width / 2;
  const level = await priceAt(page, 0.55);
  const higher = await priceAt(page, 0.4);
  const lower = await priceAt(page, 0.68);
  const buy = level < lastClose;
  const parent = await place(page, {
    symbol,
    type: 1,
    side: buy ? 1 : -1,
    qty: 0.01,
    limitPrice: level,
    takeProfit: buy ? higher : lower,
    stopLoss: buy ? lower : higher,
  });

  const short = parent.slice(parent.indexOf("_") + 1, parent.indexOf("_") + 5);
  await expect
    .poll(async () =>
      (await orderLines(page))
        .map((l) => l[2])
        .filter((t) => t.includes(short)),
    )
    .toEqual([`TP 0.01 #${short}`, `SL 0.01 #${short}`]);
  const tp = (await orderLines(page)).find((l) =>
    l[2].startsWith("TP"),
  ) as Line;
  const [tpId, tpPrice, , y] = tp;
  if (y === null)
    throw new Error("the take profit's line is off the price scale");

  // Farther from the parent: up for a buy's take profit, down for a sell's.
  await page.mouse.move(x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(x, box.y + y + (buy ? -30 : 30), { steps: 8 });
  await page.mouse.up();
  await confirmIfAsked(page);
  await expect
    .poll(async () => (await serverOrder(page, tpId)).limitPrice)
    .not.toBe(tpPrice);
  const moved = (await serverOrder(page, tpId)).limitPrice as number;
  expect(buy ? moved > tpPrice : moved < tpPrice).toBe(true);
  expect(
    ((await serverOrder(page, parent)) as WireOrder & { takeProfit?: number })
      .takeProfit,
  ).toBe(moved);

  // Cancelling the parent from the chart takes its brackets with it.
  await page.getByTestId(`chart-order-cancel-${parent}`).click();
  await expect.poll(async () => (await serverOrder(page, tpId)).status).toBe(1);
  await expect
    .poll(async () =>
      (await orderLines(page)).filter((l) => l[0] === parent || l[0] === tpId),
    )
    .toEqual([]);
});
