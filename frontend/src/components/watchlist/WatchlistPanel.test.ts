import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { simulatedUser } from "../../simulation/rest/simulatedAuthApi";
import { feedQuotes } from "../../stores/feeds";
import { useMarketStore } from "../../stores/market";
import { useWatchlistsStore } from "../../stores/watchlists";
import WatchlistPanel from "./WatchlistPanel.vue";

describe("WatchlistPanel", () => {
  let sim: Simulation;
  let stop: () => void = () => undefined;
  afterEach(async () => {
    stop();
    await sim.services.dispose();
  });

  it("shows live last, bid, ask and change with each symbol's precision", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    await useWatchlistsStore().load(sim.services.workspace);
    stop = feedQuotes(sim.services.datafeed);
    await flushPromises();
    const last = (s: string) =>
      wrapper.get(`[data-testid="watchlist-last-${s}"]`).text();
    expect(last("AAPL")).toMatch(/^\d{3}\.\d{2}$/);
    expect(last("EURUSD")).toMatch(/^1\.\d{5}$/);
    expect(last("USDJPY")).toMatch(/^1\d{2}\.\d{3}$/);
    expect(wrapper.get('[data-testid="watchlist-bid-AAPL"]').text()).toMatch(
      /^\d{3}\.\d{2}$/,
    );
    expect(wrapper.get('[data-testid="watchlist-change-AAPL"]').text()).toMatch(
      /%$/,
    );
    wrapper.unmount();
  });

  it("flashes a row green or red when its last price moves", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    await useWatchlistsStore().load(sim.services.workspace);
    stop = feedQuotes(sim.services.datafeed);
    await flushPromises();
    sim.clock.advance(20_000);
    await flushPromises();
    const flashed = wrapper
      .findAll('[data-testid^="watchlist-last-"]')
      .filter((c) => /flash-(up|down)/.test(c.classes().join(" ")));
    expect(flashed.length).toBeGreaterThan(0);
    wrapper.unmount();
  });

  it("changes the chart symbol on click and on Enter, and removes a row", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    await useWatchlistsStore().load(sim.services.workspace);
    await flushPromises();
    const market = useMarketStore();
    await wrapper.get('[data-testid="watchlist-row-BTCUSD"]').trigger("click");
    expect(market.symbol).toBe("BTCUSD");
    await wrapper
      .get('[data-testid="watchlist-row-EURUSD"]')
      .trigger("keydown", { key: "Enter" });
    expect(market.symbol).toBe("EURUSD");
    expect(
      wrapper
        .get('[data-testid="watchlist-row-EURUSD"]')
        .attributes("aria-selected"),
    ).toBe("true");
    await wrapper.get('[data-testid="watchlist-remove-TSLA"]').trigger("click");
    expect(wrapper.find('[data-testid="watchlist-row-TSLA"]').exists()).toBe(
      false,
    );
    wrapper.unmount();
  });

  it("leaves Enter and Delete on a row's buttons to the buttons", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    await useWatchlistsStore().load(sim.services.workspace);
    await flushPromises();
    const market = useMarketStore();
    await wrapper.get('[data-testid="watchlist-row-BTCUSD"]').trigger("click");
    for (const key of ["Enter", "Delete"]) {
      const event = new KeyboardEvent("keydown", {
        key,
        bubbles: true,
        cancelable: true,
      });
      wrapper
        .get('[data-testid="watchlist-alert-TSLA"]')
        .element.dispatchEvent(event);
      // Not cancelled, so the browser presses the focused button; the row does nothing itself.
      expect(event.defaultPrevented).toBe(false);
    }
    await wrapper.vm.$nextTick();
    expect(market.symbol).toBe("BTCUSD");
    expect(wrapper.find('[data-testid="watchlist-row-TSLA"]').exists()).toBe(
      true,
    );
    wrapper.unmount();
  });

  it("says why the quotes were refused instead of showing empty rows", async () => {
    localStorage.clear();
    sim = simulation();
    const wrapper = mountTerminal(WatchlistPanel, sim);
    // A list saved before NOPE left the datafeed: the simulation, like the server, refuses to
    // save it now, so it is planted in the simulation's storage.
    const [main] = await sim.services.workspace.watchlists();
    sim.storage.setItem(
      `tradewire.simulated.watchlists.${simulatedUser(sim.storage)}`,
      JSON.stringify([{ ...main, symbols: ["AAPL", "NOPE"] }]),
    );
    await useWatchlistsStore().load(sim.services.workspace);
    stop = feedQuotes(sim.services.datafeed);
    await flushPromises();
    expect(wrapper.get('[data-testid="watchlist"]').text()).toContain(
      'unknown symbol "NOPE"',
    );
    await wrapper.get('[data-testid="watchlist-remove-NOPE"]').trigger("click");
    await flushPromises();
    expect(wrapper.get('[data-testid="watchlist"]').text()).not.toContain(
      "unknown symbol",
    );
    expect(wrapper.get('[data-testid="watchlist-last-AAPL"]').text()).toMatch(
      /^\d{3}\.\d{2}$/,
    );
    wrapper.unmount();
  });
});
