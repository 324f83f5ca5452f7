import { afterEach, describe, expect, it } from "vitest";
import { until } from "../../../test/support/until";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import SymbolSearch from "./SymbolSearch.vue";

describe("SymbolSearch", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("focuses on /, searches as you type and picks with the arrows and Enter", async () => {
    sim = simulation();
    const wrapper = mountTerminal(SymbolSearch, sim);
    document.body.dispatchEvent(
      new KeyboardEvent("keydown", { key: "/", bubbles: true }),
    );
    const input = wrapper.get('[data-testid="symbol-search"]');
    expect(document.activeElement).toBe(input.element);
    await input.setValue("usd");
    await until(
      () => wrapper.findAll('[role="option"]').length > 1,
      2000,
      "search results",
    );
    await wrapper.vm.$nextTick();
    await input.trigger("keydown", { key: "ArrowDown" });
    const second = wrapper.findAll('[role="option"]')[1];
    expect(second?.attributes("aria-selected")).toBe("true");
    // The combobox names its listbox and the option the arrows are on (screen readers say it).
    const listbox = wrapper.get('[role="listbox"]');
    expect(input.attributes("aria-expanded")).toBe("true");
    expect(input.attributes("aria-controls")).toBe(listbox.attributes("id"));
    expect(listbox.attributes("aria-label")).toBe("Symbol search results");
    expect(input.attributes("aria-activedescendant")).toBe(
      second?.attributes("id"),
    );
    await input.trigger("keydown", { key: "Enter" });
    const picked = wrapper.emitted("select")?.[0]?.[0];
    expect(second?.attributes("data-testid")).toBe(
      `symbol-search-result-${String(picked)}`,
    );
    wrapper.unmount();
  });

  it("closes on Escape", async () => {
    sim = simulation();
    const wrapper = mountTerminal(SymbolSearch, sim);
    const input = wrapper.get('[data-testid="symbol-search"]');
    await input.setValue("btc");
    await until(
      () =>
        wrapper.find('[data-testid="symbol-search-result-BTCUSD"]').exists(),
      2000,
      "BTCUSD",
    );
    await input.trigger("keydown", { key: "Escape" });
    expect(wrapper.find('[data-testid="symbol-search-results"]').exists()).toBe(
      false,
    );
    wrapper.unmount();
  });
});
