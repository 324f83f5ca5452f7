import { describe, expect, it } from "vitest";
import { BrokerEvents, type BrokerEvent } from "./events";

const equity = (balance: number): BrokerEvent => ({
  kind: "equity",
  equity: {
    accountId: "a",
    currency: "USD",
    balance,
    equity: balance,
    unrealizedPl: 0,
    realizedPl: 0,
    buyingPower: balance,
    time: 0,
  },
});

describe("BrokerEvents", () => {
  it("delivers an account's events to that account's listeners only, until they leave", () => {
    const events = new BrokerEvents();
    const a: BrokerEvent[] = [];
    const b: BrokerEvent[] = [];
    const offA = events.on("a", (e) => a.push(e));
    events.on("b", (e) => b.push(e));
    events.emit("a", equity(1));
    expect(a).toEqual([equity(1)]);
    expect(b).toEqual([]);
    expect(events.has("a")).toBe(true);
    offA();
    events.emit("a", equity(2));
    expect(a).toEqual([equity(1)]);
    expect(events.has("a")).toBe(false);
    expect(events.has("b")).toBe(true);
  });
});
