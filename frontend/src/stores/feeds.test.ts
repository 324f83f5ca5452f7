import { OrderStatus, OrderType, Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  settle,
  simulation,
  type Simulation,
} from "../../test/support/simulation";
import { useAccountStore } from "./account";
import { bindAccountStores } from "./feeds";
import { useExecutionsStore } from "./executions";
import { useOrdersStore } from "./orders";
import { usePositionsStore } from "./positions";

describe("bindAccountStores", () => {
  let sim: Simulation;
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => sim.services.dispose());

  it("fills the orders, positions, executions and account stores from the broker's streams", async () => {
    sim = simulation();
    const stop = await bindAccountStores(sim.services.broker);
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
});
