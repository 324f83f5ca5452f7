import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useMarketStore } from "../../stores/market";
import WatchlistRow from "./WatchlistRow.vue";

describe("WatchlistRow", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  async function row(symbol: string, now: number) {
    sim = simulation(now);
    const wrapper = mountTerminal(WatchlistRow, sim, {
      props: { symbol, row: undefined, precision: 2, selected: false },
    });
    useMarketStore().setSpec(await sim.services.symbols.spec(symbol));
    await flushPromises();
    return wrapper.get(`[data-testid="watchlist-status-${symbol}"]`);
  }

  it("marks a stock closed on Saturday with its next open as the badge's title", async () => {
    const badge = await row("AAPL", Date.UTC(2026, 10, 28, 15));
    expect(badge.attributes("data-status")).toBe("closed");
    expect(badge.attributes("title")).toBe(
      "Market closed — opens Mon 09:30 New York",
    );
  });

  it("marks crypto open on Saturday", async () => {
    const badge = await row("BTCUSD", Date.UTC(2026, 10, 28, 15));
    expect(badge.attributes("data-status")).toBe("open");
    expect(badge.attributes("title")).toBe("Market open");
  });
});
