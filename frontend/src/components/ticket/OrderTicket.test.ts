import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { flushPromises, type VueWrapper } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import {
  simulation,
  T0,
  type Simulation,
} from "../../../test/support/simulation";
import { withConfirmDialog } from "../../../test/support/withConfirmDialog";
import { useAccountStore } from "../../stores/account";
import { feedAccount } from "../../stores/feeds";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { usePositionsStore } from "../../stores/positions";
import { useSettingsStore } from "../../stores/settings";
import { useTicketRequestsStore } from "../../stores/ticketRequests";
import OrderTicket from "./OrderTicket.vue";

describe("OrderTicket", () => {
  let sim: Simulation;
  let wrapper: VueWrapper | undefined;
  afterEach(async () => {
    wrapper?.unmount();
    wrapper = undefined;
    await sim.services.dispose();
  });

  /** The ticket (and the confirmation dialog) on `symbol` with specs and quotes loaded, at `now`. */
  async function ticket(symbol = "AAPL", now = T0) {
    localStorage.clear();
    // The market status reads the terminal's clock: Wednesday 10:00 New York unless a test says.
    sim = simulation(now);
    const mounted = mountTerminal(withConfirmDialog(OrderTicket), sim);
    wrapper = mounted;
    const market = useMarketStore();
    for (const s of ["AAPL", "MSFT", "BTCUSD"])
      market.setSpec(await sim.services.symbols.spec(s));
    await sim.services.adapter.quotes.subscribe(
      "test",
      { symbols: ["AAPL", "MSFT", "BTCUSD"] },
      market.applyQuote,
    );
    market.symbol = symbol;
    await flushPromises();
    const field = (id: string) => mounted.get(`[data-testid="${id}"]`);
    const value = (id: string) => (field(id).element as HTMLInputElement).value;
    const send = async () => {
      await mounted.get("form").trigger("submit");
      await flushPromises();
    };
    const ask = (s: string) => market.quotes[s]?.quote.ask ?? Number.NaN;
    const dialog = () => mounted.find('[data-testid="confirm-dialog"]');
    return { wrapper: mounted, market, field, value, send, ask, dialog };
  }

  const money = (value: number) =>
    value.toLocaleString("en-US", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });

  it("places a small market buy at once, follows it to Filled and remembers its quantity", async () => {
    const { field, send, dialog } = await ticket();
    await field("ticket-qty").setValue("5");
    await send();
    expect(dialog().exists()).toBe(false);
    const orders = useOrdersStore();
    expect(orders.history[0]).toMatchObject({
      side: Side.Buy,
      qty: 5,
      status: OrderStatus.Filled,
    });
    expect(field("ticket-status").attributes("data-status")).toBe("filled");
    expect(field("ticket-status").text()).toMatch(
      /^Buy 5 AAPL Market: filled 5 @ \d+\.\d{2}$/,
    );
    expect(useSettingsStore().settings.quantities.AAPL).toBe(5);
  });

  it("offers the default notional's worth of whole lots per symbol and never carries a quantity over", async () => {
    const { field, value, market, ask, send } = await ticket();
    const notional = useSettingsStore().settings.defaultNotional;
    expect(value("ticket-qty")).toBe(
      String(Math.floor(notional / ask("AAPL"))),
    );
    await field("ticket-qty").setValue("10");
    market.symbol = "BTCUSD";
    await flushPromises();
    const btc = Number(value("ticket-qty"));
    expect(value("ticket-qty")).toMatch(/^0\.\d{4}$/);
    // Rounded down to whole lots of 0.0001: worth at most the default notional, within one lot.
    expect(btc * ask("BTCUSD")).toBeLessThanOrEqual(notional);
    expect((btc + 0.0001) * ask("BTCUSD")).toBeGreaterThan(notional);
    // A quantity sent for a symbol is offered for it again, and only for it.
    market.symbol = "MSFT";
    await flushPromises();
    await field("ticket-qty").setValue("7");
    await send();
    market.symbol = "AAPL";
    await flushPromises();
    expect(value("ticket-qty")).toBe(
      String(Math.floor(notional / ask("AAPL"))),
    );
    market.symbol = "MSFT";
    await flushPromises();
    expect(value("ticket-qty")).toBe("7");
  });

  it("offers at least one lot when one lot is worth more than the default notional", async () => {
    const { value } = await ticket();
    void useSettingsStore().update({ defaultNotional: 1 });
    useMarketStore().symbol = "MSFT";
    await flushPromises();
    expect(value("ticket-qty")).toBe("1");
  });

  it("sizes EURUSD in the broker's 1,000-unit lots: one lot by default, steps of a lot, margin at 1/30, accepted as offered", async () => {
    const { field, value, market, send } = await ticket();
    market.setSpec(await sim.services.symbols.spec("EURUSD"));
    await sim.services.adapter.quotes.subscribe(
      "test-fx",
      { symbols: ["EURUSD"] },
      market.applyQuote,
    );
    market.symbol = "EURUSD";
    await flushPromises();
    // 1,000 of notional buys 858 euros, under one lot: the offer is one lot.
    expect(value("ticket-qty")).toBe("1000");
    await field("ticket-qty").trigger("keydown", { key: "ArrowUp" });
    expect(value("ticket-qty")).toBe("2000");
    await field("ticket-qty").trigger("keydown", { key: "ArrowDown" });
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("1.20000");
    expect(field("ticket-notional").text()).toBe("1,200.00 USD");
    expect(field("ticket-margin").text()).toBe("40.00");
    await field("ticket-type").setValue(String(OrderType.Market));
    await send();
    expect(useOrdersStore().history[0]).toMatchObject({
      symbol: "EURUSD",
      qty: 1000,
      status: OrderStatus.Filled,
    });
    await field("ticket-qty").setValue("500");
    await send();
    expect(field("ticket-error-qty").text()).toBe(
      "Quantity must be at least one lot (1000)",
    );
  });

  it("keeps letters, exponents, signs and a second separator out of the fields", async () => {
    const { field, value } = await ticket("BTCUSD");
    await field("ticket-qty").setValue("0.1");
    for (const typed of ["abc", "1e3", "0.1s", "0.1.2", "-1", "+1", "1 000"]) {
      await field("ticket-qty").setValue(typed);
      expect(value("ticket-qty")).toBe("0.1");
    }
    await field("ticket-qty").setValue("0,25");
    expect(value("ticket-qty")).toBe("0,25");
    // The button shows the number as it will be read.
    expect(field("ticket-submit").text()).toBe("Buy 0.25 BTCUSD Market");
    await field("ticket-qty").setValue("1,000");
    expect(field("ticket-submit").text()).toBe("Buy 1 BTCUSD Market");
  });

  it("never types B or S into a field: the key picks the side", async () => {
    const { field, value, wrapper } = await ticket();
    const qty = field("ticket-qty").element as HTMLInputElement;
    await field("ticket-side-buy").trigger("click");
    // In a field: the form takes the key before the input sees it.
    const inField = new KeyboardEvent("keydown", {
      key: "s",
      bubbles: true,
      cancelable: true,
    });
    qty.focus();
    qty.dispatchEvent(inField);
    await flushPromises();
    expect(inField.defaultPrevented).toBe(true);
    expect(field("ticket-side-sell").attributes("aria-pressed")).toBe("true");
    // Outside a field: the hotkey consumes the key, so focusing the quantity types nothing.
    qty.blur();
    const outside = new KeyboardEvent("keydown", {
      key: "b",
      bubbles: true,
      cancelable: true,
    });
    document.body.dispatchEvent(outside);
    await flushPromises();
    expect(outside.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(qty);
    expect(field("ticket-side-buy").attributes("aria-pressed")).toBe("true");
    expect(value("ticket-qty")).toMatch(/^\d+$/);
    expect(wrapper.find('[data-testid="ticket-error-qty"]').exists()).toBe(
      false,
    );
  });

  it("steps the quantity by one lot and prices by one tick with the arrows, ten with Shift", async () => {
    const { field, value } = await ticket("BTCUSD");
    await field("ticket-qty").setValue("0.0100");
    await field("ticket-qty").trigger("keydown", { key: "ArrowUp" });
    expect(value("ticket-qty")).toBe("0.0101");
    await field("ticket-qty").trigger("keydown", {
      key: "ArrowDown",
      shiftKey: true,
    });
    expect(value("ticket-qty")).toBe("0.0091");
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-limit-price").trigger("keydown", { key: "ArrowUp" });
    expect(value("ticket-limit-price")).toBe("100.01");
    await field("ticket-limit-price").trigger("keydown", {
      key: "ArrowUp",
      shiftKey: true,
    });
    expect(value("ticket-limit-price")).toBe("100.11");
  });

  it("refuses off-grid and sub-lot values beside their field and sends nothing", async () => {
    const { field, send } = await ticket();
    await field("ticket-qty").setValue("0");
    await send();
    expect(field("ticket-error-qty").text()).toBe(
      "Quantity must be at least one lot (1)",
    );
    await field("ticket-qty").setValue("1");
    await field("ticket-type").setValue(String(OrderType.Stop));
    await field("ticket-stop-price").setValue("100.005");
    await send();
    expect(field("ticket-error-stopPrice").text()).toBe(
      "Price must be a multiple of the tick 0.01",
    );
    expect(Object.keys(useOrdersStore().byId)).toHaveLength(0);
  });

  it("values the order at the price that will apply, for every type and after switching back to Market", async () => {
    const { field, ask, market } = await ticket();
    const notional = () => field("ticket-notional").text();
    await field("ticket-qty").setValue("10");
    expect(notional()).toBe(`${money(ask("AAPL") * 10)} USD`);
    await field("ticket-side-sell").trigger("click");
    const bid = market.quotes.AAPL?.quote.bid ?? Number.NaN;
    expect(notional()).toBe(`${money(bid * 10)} USD`);
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    expect(notional()).toBe("1,000.00 USD");
    await field("ticket-type").setValue(String(OrderType.Stop));
    await field("ticket-stop-price").setValue("90.00");
    expect(notional()).toBe("900.00 USD");
    await field("ticket-type").setValue(String(OrderType.StopLimit));
    expect(notional()).toBe("1,000.00 USD");
    // Bug 4: Market must not keep valuing at the limit typed before.
    await field("ticket-type").setValue(String(OrderType.Market));
    expect(notional()).toBe(`${money(bid * 10)} USD`);
  });

  it("shows margin, buying power after, and a bracket's risk, reward and R:R in money", async () => {
    const { field, send } = await ticket();
    const account = useAccountStore();
    account.setEquity({
      accountId: "a",
      currency: "USD",
      balance: 50_000,
      equity: 50_000,
      unrealizedPl: 0,
      realizedPl: 0,
      buyingPower: 50_000,
      time: T0 + 1,
    });
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-qty").setValue("10");
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-stop-loss").setValue("95.00");
    await field("ticket-take-profit").setValue("110.00");
    await flushPromises();
    // AAPL is margined at half its notional.
    expect(field("ticket-margin").text()).toBe("500.00");
    expect(field("ticket-buying-power-after").text()).toBe("49,500.00");
    expect(field("ticket-risk").text()).toBe("-50.00");
    expect(field("ticket-reward").text()).toBe("+100.00");
    expect(field("ticket-rr").text()).toBe("1 : 2.00");
    // Buying power is in USD: a yen-quoted symbol's notional is not taken from it.
    useMarketStore().setSpec(await sim.services.symbols.spec("USDJPY"));
    useMarketStore().symbol = "USDJPY";
    await flushPromises();
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-qty").setValue("1000");
    await field("ticket-limit-price").setValue("150.000");
    expect(field("ticket-notional").text()).toBe("150,000.00 JPY");
    expect(field("ticket-buying-power-after").text()).toBe("—");
    useMarketStore().symbol = "AAPL";
    await flushPromises();
    await field("ticket-qty").setValue("10");
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-stop-loss").setValue("95.00");
    await field("ticket-take-profit").setValue("110.00");
    await send();
    expect(field("ticket-status").attributes("data-status")).toBe("working");
    expect(field("ticket-status").text()).toBe("Buy 10 AAPL Limit: working");
  });

  it("asks before a large order: Cancel sends nothing, Confirm sends it", async () => {
    const { field, send, dialog, wrapper } = await ticket();
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-qty").setValue("101");
    await send();
    expect(dialog().exists()).toBe(true);
    expect(wrapper.get('[data-testid="confirm-body"]').text()).toBe(
      ["Buy 101 AAPL Limit", "Limit 100.00", "Notional 10,100.00 USD"].join(""),
    );
    await wrapper.get('[data-testid="confirm-cancel"]').trigger("click");
    await flushPromises();
    expect(dialog().exists()).toBe(false);
    expect(Object.keys(useOrdersStore().byId)).toHaveLength(0);
    expect(wrapper.find('[data-testid="ticket-status"]').exists()).toBe(false);
    await send();
    expect(wrapper.get('[data-testid="confirm-ok"]').text()).toBe(
      "Buy 101 AAPL",
    );
    await wrapper.get('[data-testid="confirm-ok"]').trigger("click");
    await flushPromises();
    expect(useOrdersStore().working[0]).toMatchObject({
      qty: 101,
      limitPrice: 100,
    });
  });

  it("asks above the threshold only: not at it, every order at 0, none when switched off", async () => {
    const { field, send, dialog, wrapper } = await ticket();
    const settings = useSettingsStore();
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-qty").setValue("100");
    await send();
    expect(dialog().exists()).toBe(false);
    expect(useOrdersStore().working).toHaveLength(1);
    void settings.update({ confirmAboveNotional: 0 });
    await field("ticket-qty").setValue("1");
    await send();
    expect(dialog().exists()).toBe(true);
    await wrapper.get('[data-testid="confirm-cancel"]').trigger("click");
    void settings.update({ confirmOrders: false, confirmAboveNotional: 10 });
    await field("ticket-qty").setValue("150");
    await send();
    expect(dialog().exists()).toBe(false);
    expect(useOrdersStore().working).toHaveLength(2);
  });

  it("asks before an order against the open position while confirmClose is on: closes, reduces, reverses", async () => {
    const { field, send, dialog, wrapper } = await ticket("BTCUSD");
    const stop = feedAccount(sim.services.broker, undefined, () =>
      sim.clock.now(),
    );
    try {
      const settings = useSettingsStore();
      void settings.update({ confirmOrders: false, confirmClose: true });
      await field("ticket-qty").setValue("0.25");
      await send();
      // Opening the position: nothing to close, and large orders are not asked about.
      expect(dialog().exists()).toBe(false);
      await flushPromises();
      expect(usePositionsStore().bySymbol.BTCUSD).toMatchObject({
        side: Side.Buy,
        qty: 0.25,
      });
      const body = () => wrapper.get('[data-testid="confirm-body"]').text();
      const cancel = async () => {
        await wrapper.get('[data-testid="confirm-cancel"]').trigger("click");
        await flushPromises();
      };
      await field("ticket-side-sell").trigger("click");
      for (const [qty, line] of [
        ["0.25", "Closes 0.25 of your long 0.25 BTCUSD"],
        ["0.1", "Reduces your long 0.25 BTCUSD by 0.1 to 0.15"],
        ["0.4", "Reverses your long 0.25 BTCUSD to a short 0.15"],
      ] as const) {
        await field("ticket-qty").setValue(qty);
        await send();
        expect(dialog().exists()).toBe(true);
        expect(body()).toContain(`Sell ${qty} BTCUSD Market${line}Market`);
        await cancel();
      }
      expect(useOrdersStore().history).toHaveLength(1);
      // Confirmed, the closing sell goes and the position is flat.
      await field("ticket-qty").setValue("0.25");
      await send();
      await wrapper.get('[data-testid="confirm-ok"]').trigger("click");
      await flushPromises();
      expect(usePositionsStore().bySymbol.BTCUSD).toBeUndefined();
      // With confirmClose off, a closing order of a small value goes at once.
      await field("ticket-side-buy").trigger("click");
      await field("ticket-qty").setValue("0.1");
      await send();
      await flushPromises();
      await field("ticket-side-sell").trigger("click");
      void settings.update({ confirmClose: false });
      await send();
      expect(dialog().exists()).toBe(false);
      await flushPromises();
      expect(usePositionsStore().bySymbol.BTCUSD).toBeUndefined();
    } finally {
      stop();
    }
  });

  it("warns before sending into a closed market, with the next open in the exchange's zone", async () => {
    // Saturday 2026-11-28 15:00 UTC: AAPL opens again Monday 09:30 New York.
    const { field, send, wrapper } = await ticket(
      "AAPL",
      Date.UTC(2026, 10, 28, 15),
    );
    expect(field("ticket-market-status").attributes("data-status")).toBe(
      "closed",
    );
    expect(field("ticket-market-status").text()).toBe(
      "Market closed — opens Mon 09:30 New York",
    );
    await field("ticket-qty").setValue("1");
    await send();
    expect(wrapper.get('[data-testid="confirm-title"]').text()).toBe(
      "AAPL: market closed",
    );
    expect(wrapper.get('[data-testid="confirm-body"]').text()).toContain(
      "Market closed — opens Mon 09:30 New York",
    );
    await wrapper.get('[data-testid="confirm-cancel"]').trigger("click");
    await flushPromises();
    expect(Object.keys(useOrdersStore().byId)).toHaveLength(0);
    useMarketStore().symbol = "BTCUSD";
    await flushPromises();
    expect(field("ticket-market-status").attributes("data-status")).toBe(
      "open",
    );
  });

  it("follows its order through partial fills to the end, and shows a rejection's reason", async () => {
    const { field, send } = await ticket();
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-qty").setValue("10");
    await send();
    const orders = useOrdersStore();
    const order = orders.working[0];
    if (!order) throw new Error("no order");
    // What the orders channel brings next for it.
    orders.apply({
      ...order,
      filledQty: 4,
      avgPrice: 100,
      updateTime: order.updateTime + 1,
    });
    await flushPromises();
    expect(field("ticket-status").attributes("data-status")).toBe(
      "partially-filled",
    );
    expect(field("ticket-status").text()).toBe(
      "Buy 10 AAPL Limit: partially filled 4 of 10 @ 100.00",
    );
    orders.apply({
      ...order,
      status: OrderStatus.Canceled,
      filledQty: 4,
      avgPrice: 100,
      updateTime: order.updateTime + 2,
    });
    await flushPromises();
    expect(field("ticket-status").text()).toBe(
      "Buy 10 AAPL Limit: cancelled after 4 filled @ 100.00",
    );

    await field("ticket-type").setValue(String(OrderType.Market));
    await field("ticket-qty").setValue("100000");
    await send();
    await wrapperConfirm();
    expect(field("ticket-status").attributes("data-status")).toBe("rejected");
    expect(field("ticket-status").text()).toMatch(
      /^Buy 100,000 AAPL Market: rejected — .*buying power/,
    );
    expect(field("ticket-status").attributes("title")).toBe(
      field("ticket-status").text(),
    );
    expect(field("ticket-error-qty").text()).toContain("buying power");
    expect(orders.history.find((o) => o.qty === 100_000)?.status).toBe(
      OrderStatus.Rejected,
    );
  });

  async function wrapperConfirm(): Promise<void> {
    await wrapper?.get('[data-testid="confirm-ok"]').trigger("click");
    await flushPromises();
  }

  it("puts the server's validation error beside its field", async () => {
    const { field, send } = await ticket();
    vi.spyOn(sim.services.broker, "placeOrder").mockResolvedValue({
      ok: false,
      error: {
        status: 400,
        code: "INVALID_ORDER",
        message: "limit price too far from the market",
        field: "limitPrice",
      },
    });
    await field("ticket-type").setValue(String(OrderType.Limit));
    await send();
    expect(field("ticket-error-limitPrice").text()).toBe(
      "limit price too far from the market",
    );
    expect(field("ticket-limit-price").attributes("aria-invalid")).toBe("true");
  });

  it("takes another panel's request: a side and a price as a limit or stop, and the focus", async () => {
    const { field, value, ask } = await ticket();
    const requests = useTicketRequestsStore();
    requests.request({ side: Side.Buy, price: 100, focus: true });
    await flushPromises();
    expect(value("ticket-type")).toBe(String(OrderType.Limit));
    expect(value("ticket-limit-price")).toBe("100.00");
    expect(document.activeElement).toBe(field("ticket-qty").element);
    const above = Math.round((ask("AAPL") + 10) * 100) / 100;
    requests.request({ side: Side.Buy, price: above });
    await flushPromises();
    expect(value("ticket-type")).toBe(String(OrderType.Stop));
    expect(value("ticket-stop-price")).toBe(above.toFixed(2));
  });

  it("clears the form with Esc back to the symbol's offered quantity", async () => {
    const { field, value, ask } = await ticket();
    await field("ticket-qty").setValue("7");
    await field("ticket-qty").trigger("keydown", { key: "Escape" });
    await flushPromises();
    const notional = useSettingsStore().settings.defaultNotional;
    expect(value("ticket-qty")).toBe(
      String(Math.floor(notional / ask("AAPL"))),
    );
  });
});
