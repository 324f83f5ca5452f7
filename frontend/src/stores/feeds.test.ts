import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nextTick } from "vue";
import {
  settle,
  simulation,
  type Simulation,
} from "../../test/support/simulation";
import { useAccountStore } from "./account";
import { useConnectionStore } from "./connection";
import { useExecutionsStore } from "./executions";
import { feedAccount, feedConnection, feedQuotes, feedStores } from "./feeds";
import { useMarketStore } from "./market";
import { useOrdersStore } from "./orders";
import { usePositionsStore } from "./positions";
import { useSettingsStore } from "./settings";
import { useToastsStore } from "./toasts";
import type { NotifyEnvironment } from "../services/alerts/alertNotifier";

describe("store feeds", () => {
  let sim: Simulation;
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });
  afterEach(() => sim.services.dispose());

  it("fills the orders, positions, executions and account stores from the broker's streams", async () => {
    sim = simulation();
    const stop = feedAccount(sim.services.broker);
    await settle();
    const account = useAccountStore();
    expect(account.equity?.equity).toBe(100_000);
    expect(account.brokerConnection?.status).toBe(1);

    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 2,
    });
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 1,
    });
    expect(useOrdersStore().history.map((o) => o.status)).toEqual([
      OrderStatus.Filled,
    ]);
    expect(useOrdersStore().working.map((o) => o.limitPrice)).toEqual([1]);
    expect(usePositionsStore().list.map((p) => [p.symbol, p.qty])).toEqual([
      ["MSFT", 2],
    ]);
    expect(useExecutionsStore().list).toHaveLength(1);
    expect(account.equity?.balance).toBeLessThan(100_000);

    stop();
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    expect(useExecutionsStore().list).toHaveLength(1);
  });

  it("toasts fills and rejections from the orders stream, and nothing for the snapshot", async () => {
    sim = simulation();
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    sim.clock.advance(60_000);
    const heard: string[] = [];
    const env: NotifyEnvironment = {
      hidden: () => true,
      permission: () => "granted",
      showNotification: (title, body) => heard.push(`${title}: ${body}`),
      beep: () => heard.push("beep"),
    };
    const stop = feedAccount(sim.services.broker, env, () => sim.clock.now());
    await settle();
    const toasts = useToastsStore();
    expect(useOrdersStore().history).toHaveLength(1);
    expect(toasts.list).toEqual([]);

    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Sell,
      type: OrderType.Market,
      qty: 1,
    });
    await settle();
    expect(toasts.list.map((t) => t.title)).toEqual(["Order filled"]);
    expect(toasts.list[0]?.body).toMatch(/^Sold 1 MSFT @ \d+\.\d{2}$/);
    // The default settings: no sound, no browser notifications.
    expect(heard).toEqual([]);

    useSettingsStore().settings = {
      ...useSettingsStore().settings,
      sound: true,
      notifications: true,
    };
    await sim.services.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 10_000_000,
    });
    await settle();
    const rejected = toasts.list.at(-1);
    expect(rejected?.title).toBe("Order rejected");
    expect(rejected?.body).toMatch(/^Buy 10,000,000 MSFT market: [A-Z]/);
    expect(rejected?.body.endsWith(".")).toBe(true);
    expect(heard).toEqual([`Order rejected: ${rejected?.body}`, "beep"]);
    stop();
  });

  for (const [skew, label] of [
    [600_000, "10 minutes ahead"],
    [-600_000, "10 minutes behind"],
  ] as const)
    it(`judges the snapshot on the server's clock with the browser's ${label}`, async () => {
      sim = simulation();
      const buy = (qty: number) =>
        sim.services.broker.placeOrder({
          symbol: "MSFT",
          side: Side.Buy,
          type: OrderType.Market,
          qty,
        });
      // A minute before the session: old news, never toasted.
      await buy(1);
      sim.clock.advance(60_000);
      // Two seconds before it (on another device, say): filled before this session saw it, news.
      await buy(2);
      sim.clock.advance(2_000);
      const stop = feedAccount(
        sim.services.broker,
        undefined,
        () => sim.clock.now() + skew,
        () => sim.services.datafeed.serverTimeMs(),
      );
      await settle(20);
      const toasts = useToastsStore();
      expect(useOrdersStore().history).toHaveLength(2);
      expect(toasts.list.map((t) => t.body)).toEqual([
        expect.stringMatching(/^Bought 2 MSFT @ \d+\.\d{2}$/),
      ]);

      // Placed after the session opened: its fill is news.
      sim.clock.advance(1_000);
      await sim.services.broker.placeOrder({
        symbol: "MSFT",
        side: Side.Sell,
        type: OrderType.Market,
        qty: 3,
      });
      await settle(20);
      expect(toasts.list.map((t) => t.body)).toEqual([
        expect.stringMatching(/^Bought 2 MSFT/),
        expect.stringMatching(/^Sold 3 MSFT @ \d+\.\d{2}$/),
      ]);
      stop();
    });

  it("loads past executions into the store before the live ones", async () => {
    sim = simulation();
    for (const qty of [1, 2])
      await sim.services.broker.placeOrder({
        symbol: "AAPL",
        side: Side.Buy,
        type: OrderType.Market,
        qty,
      });
    const stop = feedAccount(sim.services.broker);
    await settle();
    const executions = useExecutionsStore();
    expect(executions.list.map((x) => x.sequence)).toEqual([2, 1]);
    await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 3,
    });
    expect(executions.list.map((x) => [x.sequence, x.qty])).toEqual([
      [3, 3],
      [2, 2],
      [1, 1],
    ]);
    stop();
  });

  it("keeps one quotes subscription for the watchlist and follows the list as it changes", async () => {
    sim = simulation();
    const market = useMarketStore();
    market.watchlist = ["AAPL"];
    const stop = feedQuotes(sim.services.datafeed);
    await settle();
    expect(Object.keys(market.quotes)).toEqual(["AAPL"]);

    market.watchlist = [...market.watchlist, "EURUSD"];
    await nextTick();
    await settle();
    expect(Object.keys(market.quotes).sort()).toEqual(["AAPL", "EURUSD"]);

    market.watchlist = market.watchlist.filter((s) => s !== "AAPL");
    await nextTick();
    await settle();
    sim.clock.advance(5_000);
    expect(Object.keys(market.quotes)).toEqual(["EURUSD"]);

    stop();
    const moves = market.quotes.EURUSD?.moves;
    sim.clock.advance(60_000);
    expect(market.quotes.EURUSD?.moves).toBe(moves);
  });

  it("shows why the watchlist's quotes were refused until the list changes", async () => {
    sim = simulation();
    const market = useMarketStore();
    market.watchlist = ["AAPL", "NOPE"];
    const stop = feedQuotes(sim.services.datafeed);
    await settle();
    expect(market.quotesError).toContain("NOPE");
    expect(market.quotes).toEqual({});

    market.watchlist = ["AAPL"];
    await nextTick();
    expect(market.quotesError).toBe("");
    await settle();
    expect(Object.keys(market.quotes)).toEqual(["AAPL"]);
    stop();
  });

  it("shows the simulation's connection as connected and simulated", () => {
    sim = simulation();
    const stop = feedConnection(sim.services);
    const connection = useConnectionStore();
    expect(connection.simulated).toBe(true);
    expect(connection.view).toMatchObject({ status: "connected" });
    stop();
  });

  it("stops every stream of the session with one call", async () => {
    sim = simulation();
    const stop = feedStores(sim.services);
    await settle();
    stop();
    const market = useMarketStore();
    const quoted = { ...market.quotes };
    sim.clock.advance(60_000);
    await sim.services.broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1,
    });
    expect(market.quotes).toEqual(quoted);
    expect(useOrdersStore().byId).toEqual({});
    expect(useExecutionsStore().list).toEqual([]);
  });
});
