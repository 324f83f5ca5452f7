import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useAlertsStore } from "../../stores/alerts";
import { feedQuotes } from "../../stores/feeds";
import { useMarketStore } from "../../stores/market";
import WatchlistPanel from "../watchlist/WatchlistPanel.vue";
import AlertCreator from "./AlertCreator.vue";

describe("creating alerts from the chart's form and the watchlist's bell", () => {
  let sim: Simulation;
  let stop: () => void = () => undefined;
  afterEach(async () => {
    stop();
    await sim.services.dispose();
  });

  it("opens at the last price, says above or below as the level is typed, and sends the level", async () => {
    localStorage.clear();
    sim = simulation();
    const created: [number, string][] = [];
    const wrapper = mountTerminal(AlertCreator, sim, {
      props: {
        lastPrice: 100,
        create: (price: number, symbol: string) => {
          created.push([price, symbol]);
          return Promise.resolve(price > 1000 ? "ALERT_LIMIT" : null);
        },
      },
    });
    useMarketStore().selectSymbol("AAPL");
    await wrapper.get('[data-testid="alert-new"]').trigger("click");
    const price = wrapper.get('[data-testid="alert-price"]');
    expect((price.element as HTMLInputElement).value).toBe("100.00");
    expect(wrapper.get('[data-testid="alert-form-direction"]').text()).toBe(
      "crosses above",
    );
    await price.setValue("99.5");
    expect(wrapper.get('[data-testid="alert-form-direction"]').text()).toBe(
      "crosses below",
    );
    await price.setValue("abc");
    await wrapper.get('[data-testid="alert-form"]').trigger("submit");
    expect(wrapper.get('[data-testid="alert-create-error"]').text()).toBe(
      "Enter a price above 0",
    );
    await price.setValue("5000");
    await wrapper.get('[data-testid="alert-form"]').trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="alert-create-error"]').text()).toBe(
      "ALERT_LIMIT",
    );
    await price.setValue("99.5");
    await wrapper.get('[data-testid="alert-form"]').trigger("submit");
    await flushPromises();
    expect(created).toEqual([
      [5000, "AAPL"],
      [99.5, "AAPL"],
    ]);
    expect(wrapper.find('[data-testid="alert-form"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("a watchlist bell shows the symbol on the chart with the form at its last price", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    stop = feedQuotes(sim.services.datafeed);
    await flushPromises();
    const market = useMarketStore();
    const last = market.quotes.EURUSD?.quote.last;
    expect(last).toBeGreaterThan(0);
    await wrapper
      .get('[data-testid="watchlist-alert-EURUSD"]')
      .trigger("click");
    expect(market.symbol).toBe("EURUSD");
    expect(useAlertsStore().draft).toEqual({ symbol: "EURUSD", level: last });
    wrapper.unmount();
  });
});
