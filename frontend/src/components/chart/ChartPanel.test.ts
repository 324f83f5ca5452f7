import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useMarketStore } from "../../stores/market";
import ChartPanel from "./ChartPanel.vue";
import PriceChart from "./PriceChart.vue";

describe("ChartPanel (chart stubbed)", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("shows the last price with the symbol's precision and the OHLCV legend", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    useMarketStore().selectSymbol("EURUSD");
    await flushPromises();
    await flushPromises();
    expect(wrapper.get('[data-testid="chart"]').attributes("data-state")).toBe(
      "ready",
    );
    expect(wrapper.get('[data-testid="chart-last-price"]').text()).toMatch(
      /^1\.\d{5}$/,
    );
    expect(wrapper.get('[data-testid="legend-close"]').text()).toBe(
      wrapper.get('[data-testid="chart-last-price"]').text(),
    );
    expect(wrapper.findComponent(PriceChart).exists()).toBe(true);
    wrapper.unmount();
  });

  it("switches resolution from the toolbar", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    await wrapper.get('[data-testid="resolution-1D"]').trigger("click");
    expect(useMarketStore().resolution).toBe("1D");
    expect(
      wrapper.get('[data-testid="resolution-1D"]').attributes("aria-pressed"),
    ).toBe("true");
    wrapper.unmount();
  });

  it("shows hovered bars in the legend", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    await flushPromises();
    wrapper.findComponent(PriceChart).vm.$emit("crosshair", {
      time: 0,
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      volume: 12_345,
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="legend-high"]').text()).toBe("2.00");
    expect(wrapper.get('[data-testid="legend-volume"]').text()).toBe("12.3K");
    wrapper.unmount();
  });
});
