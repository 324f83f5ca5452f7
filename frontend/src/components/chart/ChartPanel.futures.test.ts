import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { until } from "../../../test/support/until";
import type { RollsResponse_Api_Backend } from "../../clients/api-types-generated";
import { DatafeedService } from "../../services/datafeed/DatafeedService";
import { SymbolDirectory } from "../../services/datafeed/symbolDirectory";
import { simulatedMarketApi } from "../../simulation";
import type { SimulatedAdapter } from "../../simulation/ws/simulatedAdapter";
import { useMarketStore } from "../../stores/market";
import type { HistoryRequest, MarketApi } from "../../transport/rest/marketApi";
import ChartPanel from "./ChartPanel.vue";
import PriceChart from "./PriceChart.vue";
import type { RollMark } from "./useChartRolls";

const DAY = 86_400_000;
const byId = (id: string) => `[data-testid="${id}"]`;

/**
 * The simulation has no futures: this market serves `ES1!` as BTCUSD's bars (a series that trades
 * every day) with one roll, 10 days before the simulation's clock, and records the requests.
 */
function withContinuous(sim: Simulation, rollDay: number) {
  const adapter = sim.services.adapter as SimulatedAdapter;
  const real = simulatedMarketApi(adapter.server.market);
  const asked: HistoryRequest[] = [];
  const underlying = (symbol: string) =>
    symbol === "ES1!" ? "BTCUSD" : symbol;
  const rolls: RollsResponse_Api_Backend = {
    symbol: "ES1!",
    roll: "volume",
    rollDays: 6,
    contract: "ESH7",
    rolls: [
      {
        time: rollDay - 2 * 3_600_000,
        tradingDay: rollDay,
        from: "ESZ6",
        to: "ESH7",
        fromClose: 6800,
        toClose: 6812.25,
        difference: 12.25,
        ratio: 6812.25 / 6800,
        offset: 12.25,
        factor: 6812.25 / 6800,
      },
    ],
  };
  const api: MarketApi = {
    ...real,
    symbol: async (symbol) => ({
      ...(await real.symbol(underlying(symbol))),
      ...(symbol === "ES1!" ? { name: "ES1!", ticker: "ES1!" } : {}),
    }),
    history: (request) => {
      asked.push(request);
      return real.history({ ...request, symbol: underlying(request.symbol) });
    },
    rolls: (symbol) =>
      symbol === "ES1!" ? Promise.resolve(rolls) : real.rolls(symbol),
  };
  const datafeed = new DatafeedService(api, new SymbolDirectory(api), adapter);
  return {
    asked,
    sim: { ...sim, services: { ...sim.services, datafeed } },
  };
}

describe("ChartPanel: continuous futures and compare (chart stubbed)", () => {
  let sim: Simulation;
  afterEach(async () => {
    localStorage.clear();
    await sim.services.dispose();
  });

  it("marks rolls on their bars with a tooltip, and offers the adjustment only for continuous futures", async () => {
    localStorage.setItem("tradewire.symbol", JSON.stringify("ES1!"));
    localStorage.setItem("tradewire.resolution", JSON.stringify("1D"));
    sim = simulation();
    const rollDay = Math.floor(sim.clock.now() / DAY) * DAY - 10 * DAY;
    const continuous = withContinuous(sim, rollDay);
    const wrapper = mountTerminal(ChartPanel, continuous.sim);
    const chart = wrapper.findComponent(PriceChart);
    const marks = () => chart.props("rollMarks") as readonly RollMark[];
    await until(() => marks().length === 1, 3000, "the roll's mark");
    expect(marks()[0]).toMatchObject({
      time: rollDay,
      label: "ESZ6 → ESH7, +12.25",
    });

    chart.vm.$emit("crosshair", {
      time: rollDay,
      open: 1,
      high: 1,
      low: 1,
      close: 1,
      volume: 0,
    });
    await flushPromises();
    expect(wrapper.get(byId("chart-roll-tooltip")).text()).toBe(
      "Roll ESZ6 → ESH7, +12.25",
    );
    chart.vm.$emit("crosshair", null);
    await flushPromises();

    const select = wrapper.get(byId("chart-adjustment"));
    expect(select.attributes("aria-label")).toBe(
      "Continuous futures adjustment",
    );
    expect(continuous.asked.at(-1)?.adjustment).toBeUndefined();
    await select.setValue("ratio");
    await until(
      () => continuous.asked.at(-1)?.adjustment === "ratio",
      3000,
      "a ratio-adjusted request",
    );
    await until(
      () => marks()[0]?.label === "ESZ6 → ESH7, ×1.0018",
      3000,
      "label",
    );

    useMarketStore().selectSymbol("AAPL");
    await until(() => continuous.asked.at(-1)?.symbol === "AAPL", 3000, "AAPL");
    await flushPromises();
    expect(continuous.asked.at(-1)?.adjustment).toBeUndefined();
    expect(wrapper.find(byId("chart-adjustment")).exists()).toBe(false);
    expect(marks()).toEqual([]);
    wrapper.unmount();
  });

  it("compares with the same symbol a week back, rebased from the first visible bar, and removes it", async () => {
    localStorage.setItem("tradewire.resolution", JSON.stringify("60"));
    sim = simulation();
    const wrapper = mountTerminal(ChartPanel, sim);
    const chart = wrapper.findComponent(PriceChart);
    await until(
      () => wrapper.get(byId("chart")).attributes("data-state") === "ready",
      3000,
      "the chart",
    );
    const compareButton = wrapper.get(byId("chart-compare"));
    await compareButton.trigger("click");
    expect(compareButton.attributes("aria-expanded")).toBe("true");
    await wrapper.get(byId("compare-shift-1W")).trigger("click");
    expect(wrapper.find(byId("chart-compare-menu")).exists()).toBe(false);
    expect(wrapper.get(byId("compare-other")).text()).toMatch(
      /^BTCUSD −1 week/,
    );
    await until(
      () => wrapper.get(byId("compare-other")).text() !== "BTCUSD −1 week —",
      3000,
      "the comparison's figure",
    );
    const feed = chart.props("compare") as {
      series: readonly { time: number; value: number }[];
    };
    const points = feed.series;
    const first = points[0]!;
    const last = points.at(-1)!;
    // Nothing scrolled: the first bar is 0 %, the last bar's figure is its change from there.
    const expected = (last.value / first.value - 1) * 100;
    expect(wrapper.get(byId("compare-other")).text()).toBe(
      `BTCUSD −1 week ${expected >= 0 ? "+" : "-"}${Math.abs(expected).toFixed(2)}%`,
    );
    // Scrolled: the base moves to the first bar on screen.
    const second = points[1]!;
    chart.vm.$emit("visibleFrom", second.time);
    await flushPromises();
    const rebased = (last.value / second.value - 1) * 100;
    expect(wrapper.get(byId("compare-other")).text()).toContain(
      `${Math.abs(rebased).toFixed(2)}%`,
    );

    await wrapper.get(byId("chart-compare-remove")).trigger("click");
    expect(wrapper.find(byId("chart-compare-legend")).exists()).toBe(false);
    expect(chart.props("compare")).toBeNull();
    wrapper.unmount();
  });
});
