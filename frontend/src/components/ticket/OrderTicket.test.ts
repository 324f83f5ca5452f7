import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { useTicketRequestsStore } from "../../stores/ticketRequests";
import OrderTicket from "./OrderTicket.vue";

describe("OrderTicket", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  /** The ticket for AAPL with its spec and a quote loaded. */
  async function ticket() {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(OrderTicket, sim);
    const market = useMarketStore();
    market.symbol = "AAPL";
    market.setSpec(await sim.services.symbols.spec("AAPL"));
    await sim.services.adapter.quotes.subscribe(
      "test",
      { symbols: ["AAPL"] },
      market.applyQuote,
    );
    await flushPromises();
    const field = (id: string) => wrapper.get(`[data-testid="${id}"]`);
    return { wrapper, market, field };
  }

  it("takes a side and a price another panel requests: a limit where it can rest, else a stop", async () => {
    const { wrapper, field, market } = await ticket();
    const ask = market.quotes.AAPL!.quote.ask;
    const value = (id: string) =>
      (field(id).element as HTMLInputElement | HTMLSelectElement).value;
    useTicketRequestsStore().request({ side: Side.Buy, price: ask - 1 });
    await flushPromises();
    expect(field("ticket-side-buy").attributes("aria-pressed")).toBe("true");
    expect(value("ticket-type")).toBe(String(OrderType.Limit));
    expect(value("ticket-limit-price")).toBe((ask - 1).toFixed(2));
    // A sell far under the bid cannot rest: a stop there.
    useTicketRequestsStore().request({ side: Side.Sell, price: 1 });
    await flushPromises();
    expect(field("ticket-side-sell").attributes("aria-pressed")).toBe("true");
    expect(value("ticket-type")).toBe(String(OrderType.Stop));
    expect(value("ticket-stop-price")).toBe("1.00");
    wrapper.unmount();
  });

  it("places a market buy and shows the outcome", async () => {
    const { wrapper, field } = await ticket();
    await field("ticket-qty").setValue("5");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    const orders = useOrdersStore();
    expect(orders.history).toHaveLength(1);
    expect(orders.history[0]).toMatchObject({
      side: Side.Buy,
      qty: 5,
      status: OrderStatus.Filled,
    });
    expect(field("ticket-result").text()).toContain("Filled");
    wrapper.unmount();
  });

  it("switches to a limit order prefilled at the touch, and sells with S", async () => {
    const { wrapper, field, market } = await ticket();
    await field("ticket-type").setValue(String(OrderType.Limit));
    const limit = (field("ticket-limit-price").element as HTMLInputElement)
      .value;
    expect(limit).toBe(market.quotes.AAPL?.quote.ask.toFixed(2));
    await wrapper.get("form").trigger("keydown", { key: "s" });
    expect(field("ticket-side-sell").attributes("aria-pressed")).toBe("true");
    await field("ticket-limit-price").setValue("999.00");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    // A sell limit above the market rests until the price comes up to it.
    expect(useOrdersStore().working[0]).toMatchObject({
      side: Side.Sell,
      type: OrderType.Limit,
      limitPrice: 999,
      status: OrderStatus.Working,
    });
    wrapper.unmount();
  });

  it("sends a zero quantity and an off-grid price and shows the broker's answer beside each field", async () => {
    const { wrapper, field } = await ticket();
    await field("ticket-qty").setValue("0");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(field("ticket-error-qty").text()).toBe(
      "quantity must be greater than 0",
    );
    await field("ticket-qty").setValue("1");
    await field("ticket-type").setValue(String(OrderType.Stop));
    await field("ticket-stop-price").setValue("100.005");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(field("ticket-error-stopPrice").text()).toContain("tick size 0.01");
    expect(useOrdersStore().history).toHaveLength(0);
    wrapper.unmount();
  });

  it("puts the server's validation error beside its field", async () => {
    const { wrapper, field } = await ticket();
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
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(field("ticket-error-limitPrice").text()).toBe(
      "limit price too far from the market",
    );
    expect(field("ticket-limit-price").attributes("aria-invalid")).toBe("true");
    wrapper.unmount();
  });

  it("shows a 422 rejection beside the field it names and lists the rejected order", async () => {
    const { wrapper, field } = await ticket();
    await field("ticket-qty").setValue("100000");
    await wrapper.get("form").trigger("submit");
    await flushPromises();
    expect(field("ticket-error-qty").text()).toContain("buying power");
    expect(useOrdersStore().history[0]?.status).toBe(OrderStatus.Rejected);
    wrapper.unmount();
  });

  it("clears the form with Esc and steps prices by one tick with the arrow keys", async () => {
    const { wrapper, field } = await ticket();
    await field("ticket-type").setValue(String(OrderType.Limit));
    await field("ticket-limit-price").setValue("100.00");
    await field("ticket-limit-price").trigger("keydown", { key: "ArrowUp" });
    expect(
      (field("ticket-limit-price").element as HTMLInputElement).value,
    ).toBe("100.01");
    await field("ticket-qty").setValue("7");
    await field("ticket-qty").trigger("keydown", { key: "Escape" });
    expect((field("ticket-qty").element as HTMLInputElement).value).toBe("1");
    wrapper.unmount();
  });
});
