import { describe, expect, it } from "vitest";
import { simulation } from "../../../test/support/simulation";
import { composeAdapter } from "./wsAdapter";
import { SimulatedAdapter } from "../../simulation/ws/simulatedAdapter";

describe("composeAdapter", () => {
  it("takes market channels from one adapter and account channels from the other", async () => {
    const market = simulation().services.adapter;
    const account = new SimulatedAdapter(
      (simulation().services.adapter as SimulatedAdapter).server,
    );
    const composed = composeAdapter(market, account);
    expect(composed.bars).toBe(market.bars);
    expect(composed.quotes).toBe(market.quotes);
    expect(composed.orders).toBe(account.orders);
    expect(composed.positions).toBe(account.positions);
    expect(composed.executions).toBe(account.executions);
    expect(composed.equity).toBe(account.equity);
    expect(composed.brokerConnection).toBe(account.brokerConnection);
    expect(composed.connection).toBe(market.connection);
    expect(composed.simulated).toBe(true);
    await composed.dispose();
  });
});
