import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useStudiesStore } from "../../stores/studies";
import ChartPanel from "./ChartPanel.vue";
import PriceChart from "./PriceChart.vue";

describe("indicator picker on the chart panel (chart stubbed)", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("adds every kind, edits a parameter, removes one, and keeps the choice for the user", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    const studies = useStudiesStore();
    studies.load("alice");
    await wrapper.get('[data-testid="indicator-picker"]').trigger("click");
    for (const kind of [
      "sma",
      "ema",
      "wma",
      "bollinger",
      "vwap",
      "rsi",
      "macd",
      "atr",
    ])
      await wrapper
        .get(`[data-testid="indicator-add-${kind}"]`)
        .trigger("click");
    expect(studies.list.map((s) => s.kind)).toHaveLength(8);
    // The chart is full at eight: the other kinds wait for a removal.
    expect(
      wrapper.get('[data-testid="indicator-add-obv"]').attributes("disabled"),
    ).toBeDefined();
    await wrapper.get('[data-testid="study-remove-sma"]').trigger("click");
    await wrapper.get('[data-testid="study-remove-ema"]').trigger("click");
    await wrapper
      .get('[data-testid="indicator-add-stochastic"]')
      .trigger("click");
    await wrapper.get('[data-testid="indicator-add-obv"]').trigger("click");

    const period = wrapper.get('[data-testid="study-param-rsi-period"]');
    await period.setValue("21");
    await period.trigger("change");
    await wrapper.get('[data-testid="study-source-rsi"]').setValue("hl2");
    const slow = wrapper.get('[data-testid="study-param-macd-slow"]');
    await slow.setValue("");
    await slow.trigger("change");
    await flushPromises();

    expect(studies.list.find((s) => s.kind === "rsi")?.params).toEqual({
      period: 21,
      source: "hl2",
    });
    expect(studies.list.find((s) => s.kind === "macd")?.params).toEqual({
      fast: 12,
      slow: 26,
      signal: 9,
    });
    expect(wrapper.get('[data-testid="study-legend-rsi"]').text()).toContain(
      "RSI 21 hl2",
    );
    const saved = JSON.parse(
      localStorage.getItem("tradewire.studies.alice") ?? "[]",
    ) as {
      kind: string;
    }[];
    expect(saved.map((s) => s.kind)).toEqual([
      "wma",
      "bollinger",
      "vwap",
      "rsi",
      "macd",
      "atr",
      "stochastic",
      "obv",
    ]);
    // The chart gets the same feed the legend reads.
    const chart = wrapper.findComponent(PriceChart);
    expect(chart.props("indicators")).toBeDefined();
    wrapper.unmount();
  });

  it("says in the legend that the simulation computes no indicators", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    useStudiesStore().load("alice");
    useStudiesStore().add("rsi");
    await flushPromises();
    await flushPromises();
    expect(wrapper.get('[data-testid="study-error-rsi"]').text()).toContain(
      "TOPIC_UNAVAILABLE",
    );
    wrapper.unmount();
  });

  it("Esc closes the menu from one of its controls and puts focus back on the button", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    useStudiesStore().load("alice");
    const button = wrapper.get('[data-testid="indicator-picker"]');
    await button.trigger("click");
    await wrapper.get('[data-testid="indicator-add-sma"]').trigger("click");
    const source = wrapper.get('[data-testid="study-source-sma"]');
    expect(source.attributes("aria-label")).toBe("SMA source");
    await source.trigger("keydown", { key: "Escape" });
    expect(wrapper.find('[data-testid="indicator-menu"]').exists()).toBe(false);
    expect(button.attributes("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button.element);
    wrapper.unmount();
  });
});
