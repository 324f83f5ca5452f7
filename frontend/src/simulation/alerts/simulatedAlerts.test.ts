import { describe, expect, it } from "vitest";
import { ManualClock } from "@tradewire/client/testing";
import type {
  AlertEvent_Api_Backend,
  AlertRule_Api_Backend,
} from "../../clients/api-types-generated";
import type { PriceSource } from "../broker/priceSource";
import { SimulatedError } from "../simulatedError";
import { SimulatedAlerts } from "./simulatedAlerts";

type Input = Parameters<SimulatedAlerts["create"]>[0];
/** A rule input with the spec's defaults, as the REST schema fills them in. */
const input = (x: Pick<Input, "condition"> & Partial<Input>): Input => ({
  repeat: false,
  cooldownSeconds: 60,
  ...x,
});

/** Prices the test sets, one tick per `set`. */
function prices() {
  const last = new Map<string, number>();
  const listeners = new Set<() => void>();
  const source: PriceSource = {
    price: (s) => last.get(s),
    tickSize: (s) => (s === "BTCUSD" ? 0.01 : undefined),
    lotSize: (s) => (s === "BTCUSD" ? 0.0001 : undefined),
    onTick: (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    watch: () => undefined,
  };
  const set = (price: number) => {
    last.set("BTCUSD", price);
    listeners.forEach((l) => l());
  };
  return { source, set };
}

const cross = (direction: "above" | "below", level: number) => ({
  type: "price-cross" as const,
  symbol: "BTCUSD",
  direction,
  level,
});

function setup() {
  const clock = new ManualClock(1_000_000);
  const market = prices();
  const alerts = new SimulatedAlerts(market.source, clock);
  const rules: AlertRule_Api_Backend[] = [];
  const events: AlertEvent_Api_Backend[] = [];
  alerts.watchRules((r) => rules.push(r));
  alerts.watchEvents(undefined, (e) => events.push(e));
  return { clock, market, alerts, rules, events };
}

describe("SimulatedAlerts", () => {
  it("fires a one-shot price-cross once, on the first price at the level after one below it", () => {
    const { market, alerts, rules, events } = setup();
    const rule = alerts.create(input({ condition: cross("above", 100) }));
    market.set(101); // the first price after arming only sets the side
    market.set(99);
    market.set(100);
    market.set(98);
    market.set(102);
    expect(events.map((e) => [e.sequence, e.price, e.message])).toEqual([
      [1, 100, "BTCUSD crossed above 100.00 at 100.00"],
    ]);
    expect(rules.at(-1)).toMatchObject({
      id: rule.id,
      status: "triggered",
      fireCount: 1,
    });
    expect(alerts.eventsPage().items.map((e) => e.sequence)).toEqual([1]);
  });

  it("repeats after the cooldown only, and re-arms on a replace", () => {
    const { clock, market, alerts, events } = setup();
    const rule = alerts.create(
      input({
        condition: cross("below", 50),
        repeat: true,
        cooldownSeconds: 10,
      }),
    );
    market.set(51);
    market.set(49);
    market.set(51);
    market.set(49); // inside the cooldown
    clock.advance(10_000);
    market.set(51);
    market.set(49);
    expect(events).toHaveLength(2);
    const moved = alerts.replace(
      rule.id,
      input({ condition: cross("above", 60) }),
    );
    expect(moved).toMatchObject({ status: "active", fireCount: 2 });
    market.set(59);
    clock.advance(10_000);
    market.set(61);
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3]);
  });

  it("fires a channel rule on entering, replays after `since`, and pages the history newest first", () => {
    const { market, alerts } = setup();
    alerts.create(
      input({
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "enters",
          lower: 10,
          upper: 20,
        },
        repeat: true,
        cooldownSeconds: 0,
      }),
    );
    for (const p of [5, 15, 25, 12, 30, 11]) market.set(p);
    expect(alerts.eventsPage(undefined, 2)).toMatchObject({
      items: [{ sequence: 3 }, { sequence: 2 }],
      nextBefore: 2,
    });
    const replayed: number[] = [];
    alerts.watchEvents(1, (e) => replayed.push(e.sequence));
    expect(replayed).toEqual([2, 3]);
  });

  it("sends a deleted rule once and stops evaluating it", () => {
    const { market, alerts, rules, events } = setup();
    const rule = alerts.create(input({ condition: cross("above", 100) }));
    market.set(99);
    expect(alerts.remove(rule.id).status).toBe("deleted");
    market.set(101);
    expect(events).toEqual([]);
    expect(rules.map((r) => r.status)).toEqual(["active", "deleted"]);
    expect(alerts.list()).toEqual([]);
    expect(() => alerts.remove(rule.id)).toThrow(SimulatedError);
  });

  it("refuses the rules it cannot evaluate and unknown symbols, with the server's codes", () => {
    const { alerts } = setup();
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as SimulatedError).code;
      }
      return "accepted";
    };
    expect(
      refusal(() =>
        alerts.create(
          input({
            condition: {
              type: "volume-spike",
              symbol: "BTCUSD",
              resolution: "5",
              factor: 3,
              lookback: 20,
            },
          }),
        ),
      ),
    ).toBe("INVALID_PARAMS");
    expect(
      refusal(() =>
        alerts.create(
          input({ condition: { ...cross("above", 1), symbol: "NOPE" } }),
        ),
      ),
    ).toBe("UNKNOWN_SYMBOL");
  });
});
