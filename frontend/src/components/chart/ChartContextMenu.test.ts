import { Side } from "@tradewire/client";
import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { describe, expect, it } from "vitest";
import { useTicketRequestsStore } from "../../stores/ticketRequests";
import ChartContextMenu from "./ChartContextMenu.vue";

function open(price: number, tickSize: number, precision: number) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(ChartContextMenu, {
    props: { price, x: 10, y: 20, tickSize, precision },
    global: { plugins: [pinia] },
    attachTo: document.body,
  });
}

describe("the chart's right-click menu", () => {
  it("offers the clicked price on the tick grid and asks the ticket for a limit there", async () => {
    const menu = open(4012.13, 0.25, 2);
    expect(menu.get('[data-testid="chart-context-buy"]').text()).toBe(
      "Buy limit at 4,012.25",
    );
    await menu.get('[data-testid="chart-context-sell"]').trigger("click");
    expect(useTicketRequestsStore().latest).toMatchObject({
      side: Side.Sell,
      price: 4012.25,
      focus: true,
    });
    expect(menu.emitted("close")).toHaveLength(1);
    menu.unmount();
  });

  it("reports the alert at the rounded price", async () => {
    const menu = open(1.234567, 0.00001, 5);
    await menu.get('[data-testid="chart-context-alert"]').trigger("click");
    expect(menu.emitted("alert")).toEqual([[1.23457]]);
    menu.unmount();
  });

  it("is a keyboard menu: first item focused, arrows wrap, Esc closes", async () => {
    const menu = open(100, 0.01, 2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const item = (id: string) =>
      menu.get(`[data-testid="chart-context-${id}"]`).element;
    expect(menu.get('[role="menu"]').attributes("aria-label")).toBe(
      "Chart actions",
    );
    expect(document.activeElement).toBe(item("buy"));
    await menu.trigger("keydown", { key: "ArrowUp" });
    expect(document.activeElement).toBe(item("copy"));
    await menu.trigger("keydown", { key: "ArrowDown" });
    expect(document.activeElement).toBe(item("buy"));
    await menu.trigger("keydown", { key: "End" });
    expect(document.activeElement).toBe(item("copy"));
    await menu.trigger("keydown", { key: "Escape" });
    expect(menu.emitted("close")).toHaveLength(1);
    menu.unmount();
  });
});
