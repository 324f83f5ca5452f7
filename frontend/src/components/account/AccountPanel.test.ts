import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { feedAccount } from "../../stores/feeds";
import { withConfirmDialog } from "../../../test/support/withConfirmDialog";
import { useOrdersStore } from "../../stores/orders";
import { useSettingsStore } from "../../stores/settings";
import { timeHeader } from "../common/format";
import AccountPanel from "./AccountPanel.vue";

describe("AccountPanel", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  async function panel() {
    sim = simulation();
    const wrapper = mountTerminal(withConfirmDialog(AccountPanel), sim);
    feedAccount(sim.services.broker);
    await flushPromises();
    return wrapper;
  }

  it("names the browser's time zone in every time column", async () => {
    const wrapper = await panel();
    await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 1,
    });
    await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    await flushPromises();
    const expected = timeHeader();
    const headers = wrapper
      .findAll("th")
      .filter((th) => th.text().startsWith("Time"));
    // Working orders, order history, executions and the Alerts tab's fired alerts.
    expect(headers.length).toBe(4);
    for (const th of headers) {
      expect(th.text()).toBe(expected.text);
      expect(th.attributes("title")).toBe(expected.title);
    }
    expect(expected.text).toMatch(/^Time \((UTC|local, UTC.*)\)$/);
    wrapper.unmount();
  });

  it("shows balance and equity, positions with live P&L, fills and executions", async () => {
    const wrapper = await panel();
    expect(wrapper.get('[data-testid="equity-value"]').text()).toBe(
      "100,000.00",
    );
    const placed = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 10,
    });
    await flushPromises();
    const id = placed.order?.id ?? "";
    expect(wrapper.get('[data-testid="positions-row-AAPL"]').text()).toContain(
      "Buy",
    );
    expect(wrapper.get('[data-testid="position-qty-AAPL"]').text()).toBe("10");
    expect(wrapper.get(`[data-testid="order-status-${id}"]`).text()).toBe(
      "Filled",
    );
    expect(wrapper.findAll('[data-testid^="executions-row-"]')).toHaveLength(1);
    sim.clock.advance(60_000);
    await flushPromises();
    expect(wrapper.get('[data-testid="position-pl-AAPL"]').text()).toMatch(
      /^[+-]?[\d,]+\.\d{2}$/,
    );
    expect(
      wrapper.get('[data-testid="account-tab-positions"]').text(),
    ).toContain("1");
    wrapper.unmount();
  });

  it("groups a bracket's take profit and stop loss under their parent order", async () => {
    const wrapper = await panel();
    const placed = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 2,
      limitPrice: 1,
      takeProfit: 2,
      stopLoss: 0.5,
    });
    await flushPromises();
    await wrapper.get('[data-testid="account-tab-orders"]').trigger("click");
    const parent = placed.order?.id ?? "";
    const rows = wrapper
      .get('[data-testid="working-orders-table"]')
      .findAll('[data-testid^="orders-row-"]');
    expect(rows.map((r) => r.attributes("data-parent-id") ?? null)).toEqual([
      null,
      parent,
      parent,
    ]);
    const [tp, sl] = rows
      .slice(1)
      .map((r) =>
        (r.attributes("data-testid") ?? "").slice("orders-row-".length),
      );
    expect(wrapper.get(`[data-testid="order-role-${tp}"]`).text()).toBe(
      "Take profit",
    );
    expect(wrapper.get(`[data-testid="order-role-${sl}"]`).text()).toBe(
      "Stop loss",
    );
    expect(wrapper.get(`[data-testid="order-parent-${sl}"]`).text()).toBe(
      `of ${parent}`,
    );
  });

  it("cancels a working order from its row", async () => {
    const wrapper = await panel();
    const placed = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 50,
    });
    await flushPromises();
    const id = placed.order?.id ?? "";
    await wrapper.get('[data-testid="account-tab-orders"]').trigger("click");
    expect(wrapper.get(`[data-testid="order-status-${id}"]`).text()).toBe(
      "Working",
    );
    await wrapper.get(`[data-testid="order-cancel-${id}"]`).trigger("click");
    await flushPromises();
    expect(useOrdersStore().byId[id]?.status).toBe(OrderStatus.Canceled);
    expect(wrapper.find(`[data-testid="order-cancel-${id}"]`).exists()).toBe(
      false,
    );
    wrapper.unmount();
  });

  it("modifies a working order's price inline", async () => {
    const wrapper = await panel();
    const placed = await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 50,
    });
    await flushPromises();
    const id = placed.order?.id ?? "";
    await wrapper.get(`[data-testid="order-modify-${id}"]`).trigger("click");
    await wrapper
      .get(`[data-testid="order-edit-limit-${id}"]`)
      .setValue("51.25");
    await wrapper
      .get(`[data-testid="orders-row-${id}"]`)
      .trigger("keydown", { key: "Enter" });
    await flushPromises();
    expect(useOrdersStore().byId[id]?.limitPrice).toBe(51.25);
    wrapper.unmount();
  });

  it("closes a position from its row", async () => {
    const wrapper = await panel();
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Sell,
      type: OrderType.Market,
      qty: 2,
    });
    await flushPromises();
    const ordersBefore = Object.keys(useOrdersStore().byId).length;
    await wrapper.get('[data-testid="position-close-MSFT"]').trigger("click");
    await flushPromises();
    // confirmClose is on by default: the close asks first, and Cancel sends nothing.
    expect(wrapper.get('[data-testid="confirm-title"]').text()).toBe(
      "Close MSFT",
    );
    expect(wrapper.get('[data-testid="confirm-body"]').text()).toContain(
      "Buy 2 MSFT Market (closes the short position)",
    );
    await wrapper.get('[data-testid="confirm-cancel"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm-dialog"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="positions-row-MSFT"]').exists()).toBe(
      true,
    );
    expect(Object.keys(useOrdersStore().byId)).toHaveLength(ordersBefore);

    await wrapper.get('[data-testid="position-close-MSFT"]').trigger("click");
    await flushPromises();
    await wrapper.get('[data-testid="confirm-ok"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-testid="positions-row-MSFT"]').exists()).toBe(
      false,
    );
    wrapper.unmount();
  });

  it("closes at once when confirmClose is off and the close is small", async () => {
    const wrapper = await panel();
    void useSettingsStore().update({ confirmClose: false });
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    await flushPromises();
    await wrapper.get('[data-testid="position-close-MSFT"]').trigger("click");
    await flushPromises();
    expect(wrapper.find('[data-testid="confirm-dialog"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="positions-row-MSFT"]').exists()).toBe(
      false,
    );
    wrapper.unmount();
  });

  it("moves between tabs with the arrow keys, Home and End (ARIA tabs pattern)", async () => {
    const wrapper = await panel();
    const tab = (id: string) =>
      wrapper.get(`[data-testid="account-tab-${id}"]`);
    const selected = () =>
      wrapper
        .findAll('[role="tab"]')
        .filter((t) => t.attributes("aria-selected") === "true")
        .map((t) => t.attributes("data-testid"));
    // One tab stop: only the selected tab is in the Tab order.
    expect(tab("positions").attributes("tabindex")).toBe("0");
    expect(tab("orders").attributes("tabindex")).toBe("-1");

    await tab("positions").trigger("keydown", { key: "ArrowRight" });
    expect(selected()).toEqual(["account-tab-orders"]);
    expect(document.activeElement).toBe(tab("orders").element);
    expect(tab("orders").attributes("tabindex")).toBe("0");
    expect(
      wrapper.get(`#${tab("orders").attributes("aria-controls")}`).isVisible(),
    ).toBe(true);

    await tab("orders").trigger("keydown", { key: "End" });
    expect(selected()).toEqual(["account-tab-history-jobs"]);
    await tab("history-jobs").trigger("keydown", { key: "ArrowRight" });
    expect(selected()).toEqual(["account-tab-positions"]);
    await tab("positions").trigger("keydown", { key: "ArrowLeft" });
    expect(selected()).toEqual(["account-tab-history-jobs"]);
    await tab("history-jobs").trigger("keydown", { key: "Home" });
    expect(selected()).toEqual(["account-tab-positions"]);
    expect(document.activeElement).toBe(tab("positions").element);
    // Each panel is named by its tab.
    const panelEl = wrapper.get(
      '[role="tabpanel"][id="account-panel-positions"]',
    );
    expect(panelEl.attributes("aria-labelledby")).toBe(
      tab("positions").attributes("id"),
    );
    wrapper.unmount();
  });
});
