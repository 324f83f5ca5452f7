import { OrderType, Side } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessBus } from "../../src/bus/in-process-bus";
import {
  BROKER_ORDERS_CHANNEL,
  brokerAccountChannel,
} from "../../src/cluster/channels";
import { brokerCalls } from "../support/broker-calls";
import { ControlledMarket } from "../support/controlled-market";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

describe("the broker of a lone instance", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  const market = new ControlledMarket();
  const bus = new InProcessBus(() => undefined);
  const heard: unknown[] = [];
  let t: TradingApp;
  const { place } = brokerCalls(() => t);

  beforeAll(async () => {
    for (const channel of [
      brokerAccountChannel("acc-alice-main"),
      BROKER_ORDERS_CHANNEL,
    ])
      await bus.subscribe(channel, (m) => heard.push(m));
    t = await startTradingApp({ clock, market, bus });
  });
  afterAll(() => t.close());

  it("publishes nothing for other instances, and its account version counts its commits", async () => {
    const alice = await t.login("alice");
    const working = await place(alice, {
      symbol: "AAPL",
      type: OrderType.Limit,
      side: Side.Buy,
      qty: 1,
      limitPrice: 200,
    });
    const filled = await place(alice, {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 1,
    });
    expect([working.status, filled.status]).toEqual([201, 201]);
    expect(heard).toEqual([]);
    const state = await t.database.db
      .selectFrom("account_state")
      .select("version")
      .where("account_id", "=", "acc-alice-main")
      .executeTakeFirstOrThrow();
    expect(state.version).toBe(2);
    expect((await t.broker.book("acc-alice-main")).version).toBe(2);
  });
});
