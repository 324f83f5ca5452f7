import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useTerminal } from "../../services/injection";
import { feedAccount } from "../../stores/feeds";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { ChartFeed } from "./chartFeed";
import ChartOrderControls from "./ChartOrderControls.vue";
import { useChartOrders, type ChartOrders } from "./useChartOrders";

describe("ChartOrderControls", () => {
  let sim: Simulation;
  let orders: ChartOrders;
  afterEach(() => sim.services.dispose());

  /** The controls over the real composable; the chart (stubbed here) would publish `drawn`. */
  async function controls() {
    sim = simulation();
    const Harness = defineComponent({
      setup() {
        orders = useChartOrders(new ChartFeed(useTerminal().datafeed));
        return () =>
          h(ChartOrderControls, { orders, precision: 2, tickSize: 0.01 });
      },
    });
    const wrapper = mountTerminal(Harness, sim);
    feedAccount(sim.services.broker);
    const placed = await sim.services.broker.placeOrder({
      symbol: useMarketStore().symbol,
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 1,
    });
    await flushPromises();
    const id = placed.order?.id ?? "";
    orders.drawn.value = [[id, 1, "BUY LMT 1", 120]];
    await flushPromises();
    return { wrapper, id };
  }

  it("shows the line's label and a cancel button at the line's height", async () => {
    const { wrapper, id } = await controls();
    const label = wrapper.get(`[data-testid="chart-order-line-${id}"]`);
    expect(label.text()).toBe("BUY LMT 1");
    expect(label.element.parentElement?.style.top).toBe("111px");
    await wrapper
      .get(`[data-testid="chart-order-cancel-${id}"]`)
      .trigger("click");
    await flushPromises();
    expect(useOrdersStore().byId[id]?.status).toBe(1);
  });

  it("moves the order by ticks from the keyboard, and Escape sends nothing", async () => {
    const { wrapper, id } = await controls();
    const label = wrapper.get(`[data-testid="chart-order-line-${id}"]`);
    await label.trigger("keydown", { key: "ArrowUp" });
    expect(label.text()).toBe("BUY LMT 1 → 1.01");
    await label.trigger("keydown", { key: "Escape" });
    await flushPromises();
    expect(label.text()).toBe("BUY LMT 1");
    expect(useOrdersStore().byId[id]?.limitPrice).toBe(1);

    await label.trigger("keydown", { key: "ArrowDown" });
    await label.trigger("keydown", { key: "ArrowDown", shiftKey: true });
    expect(label.text()).toBe("BUY LMT 1 → 0.89");
    await label.trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(useOrdersStore().byId[id]?.limitPrice).toBe(0.89);
  });

  it("moves a stop-limit's stop from its stop line and its limit from its limit line; either cancels the order", async () => {
    const { wrapper } = await controls();
    const placed = await sim.services.broker.placeOrder({
      symbol: useMarketStore().symbol,
      side: Side.Sell,
      type: OrderType.StopLimit,
      qty: 2,
      stopPrice: 1_000,
      limitPrice: 995,
    });
    if (!placed.ok) throw new Error(placed.error.message);
    await flushPromises();
    const id = placed.order.id;
    expect(orders.lines.value.filter((l) => l.orderId === id)).toHaveLength(2);
    orders.drawn.value = [
      [id, 1_000, "SELL STP-LMT 2 stop", 100],
      [`${id}:limit`, 995, "SELL STP-LMT 2 limit", 60],
    ];
    await flushPromises();
    const stopLine = wrapper.get(`[data-testid="chart-order-line-${id}"]`);
    const limitLine = wrapper.get(
      `[data-testid="chart-order-line-${id}:limit"]`,
    );
    expect([stopLine.text(), limitLine.text()]).toEqual([
      "SELL STP-LMT 2 stop",
      "SELL STP-LMT 2 limit",
    ]);
    const price = () => {
      const o = useOrdersStore().byId[id];
      return [o?.stopPrice, o?.limitPrice];
    };
    await limitLine.trigger("keydown", { key: "ArrowUp" });
    await limitLine.trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(price()).toEqual([1_000, 995.01]);
    await stopLine.trigger("keydown", { key: "ArrowDown" });
    await stopLine.trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(price()).toEqual([999.99, 995.01]);
    await wrapper
      .get(`[data-testid="chart-order-cancel-${id}:limit"]`)
      .trigger("click");
    await flushPromises();
    expect(useOrdersStore().byId[id]?.status).toBe(OrderStatus.Canceled);
    expect(orders.lines.value.filter((l) => l.orderId === id)).toEqual([]);
  });
});
