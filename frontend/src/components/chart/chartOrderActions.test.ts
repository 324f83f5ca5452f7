import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  type Simulation,
} from "../../../test/support/simulation";
import type { OrderChanges } from "../../model/orderRequest";
import { useConfirmStore } from "../../stores/confirm";
import { feedAccount } from "../../stores/feeds";
import { useOrdersStore } from "../../stores/orders";
import { usePositionsStore } from "../../stores/positions";
import { useSettingsStore } from "../../stores/settings";
import { useToastsStore } from "../../stores/toasts";
import { chartOrderActions } from "./chartOrderActions";

describe("chartOrderActions", () => {
  let sim: Simulation;
  let sent: [string, OrderChanges][];
  let stop: () => void;

  beforeEach(async () => {
    localStorage.clear();
    setActivePinia(createPinia());
    sim = simulation();
    stop = feedAccount(sim.services.broker, undefined, () => sim.clock.now());
    await settle();
    sent = [];
  });
  afterEach(() => {
    stop();
    return sim.services.dispose();
  });

  function actions() {
    const broker = sim.services.broker;
    return chartOrderActions({
      modifyOrder: (id, changes) => {
        sent.push([id, changes]);
        return broker.modifyOrder(id, changes);
      },
      cancelOrder: (id) => broker.cancelOrder(id),
    });
  }

  async function limitOrder(qty: number, limitPrice: number): Promise<string> {
    const outcome = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty,
      limitPrice,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    await settle();
    return outcome.order.id;
  }

  it("sends a dragged line's price, on the tick grid, as the order's new limit", async () => {
    const id = await limitOrder(1, 50);
    expect(await actions().move(id, 48.123456)).toBe(true);
    await settle();
    expect(sent).toEqual([[id, { limitPrice: 48.12 }]]);
    expect(useOrdersStore().byId[id]?.limitPrice).toBe(48.12);
  });

  it("asks first when the value at the new price is above the threshold, and sends nothing when declined", async () => {
    const settings = useSettingsStore();
    settings.settings = {
      ...settings.settings,
      confirmOrders: true,
      confirmAboveNotional: 1_000,
    };
    const id = await limitOrder(100, 5);
    const confirm = useConfirmStore();
    const declined = actions().move(id, 20);
    await settle();
    expect(confirm.pending?.title).toBe("Move order?");
    expect(confirm.pending?.lines).toEqual([
      "BUY LMT 100 AAPL",
      "5.00 → 20.00",
      "Value 2,000.00",
    ]);
    confirm.answer(false);
    expect(await declined).toBe(false);
    expect(sent).toEqual([]);
    expect(useOrdersStore().byId[id]?.limitPrice).toBe(5);

    const accepted = actions().move(id, 20);
    await settle();
    confirm.answer(true);
    expect(await accepted).toBe(true);
    expect(sent).toEqual([[id, { limitPrice: 20 }]]);

    // Below the threshold nothing is asked.
    expect(await actions().move(id, 9)).toBe(true);
    expect(confirm.pending).toBeNull();
  });

  it("asks before moving a working order against the position while confirmClose is on, saying what it closes", async () => {
    const settings = useSettingsStore();
    settings.settings = {
      ...settings.settings,
      confirmOrders: false,
      confirmClose: true,
    };
    const bought = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 3,
    });
    expect(bought.ok).toBe(true);
    await settle();
    expect(usePositionsStore().bySymbol.AAPL).toMatchObject({
      side: Side.Buy,
      qty: 3,
    });
    const placed = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Sell,
      type: OrderType.Limit,
      qty: 2,
      limitPrice: 900,
    });
    if (!placed.ok) throw new Error(placed.error.message);
    await settle();
    const id = placed.order.id;
    const confirm = useConfirmStore();
    const declined = actions().move(id, 950);
    await settle();
    expect(confirm.pending?.lines).toEqual([
      "SELL LMT 2 AAPL",
      "Reduces your long 3 AAPL by 2 to 1",
      "900.00 → 950.00",
      "Value 1,900.00",
    ]);
    confirm.answer(false);
    expect(await declined).toBe(false);
    expect(sent).toEqual([]);

    // A buy adds to the long: not closing, and small, so it goes at once.
    const buy = await limitOrder(1, 5);
    expect(await actions().move(buy, 6)).toBe(true);
    expect(confirm.pending).toBeNull();

    settings.settings = { ...settings.settings, confirmClose: false };
    expect(await actions().move(id, 950)).toBe(true);
    expect(confirm.pending).toBeNull();
    expect(sent).toEqual([
      [buy, { limitPrice: 6 }],
      [id, { limitPrice: 950 }],
    ]);
  });

  it("toasts a refused move with the reason, and cancels from the line's control", async () => {
    const settings = useSettingsStore();
    settings.settings = { ...settings.settings, confirmOrders: false };
    const id = await limitOrder(1, 50);
    const other = await limitOrder(1, 40);
    // Cancelled elsewhere a moment before the line is let go.
    await sim.services.broker.cancelOrder(other);
    expect(await actions().move(other, 41)).toBe(false);
    const toast = useToastsStore().list.at(-1);
    expect(toast?.title).toBe("Order not modified");
    expect(toast?.body).toBe(`Order ${other} is no longer working.`);
    expect(await actions().cancel(id)).toBe(true);
    await settle();
    expect(useOrdersStore().byId[id]?.status).toBe(OrderStatus.Canceled);
  });
});
