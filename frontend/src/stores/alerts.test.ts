import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { fired, rule } from "../../test/support/alerts";
import { MAX_FIRED, useAlertsStore } from "./alerts";

describe("alerts store", () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it("keeps each rule's latest state, newest rule first, and drops a rule sent as deleted", () => {
    const alerts = useAlertsStore();
    alerts.applyRule(rule("a1", { createdAt: 1 }));
    alerts.applyRule(rule("a2", { createdAt: 2 }));
    alerts.applyRule(
      rule("a1", { createdAt: 1, status: "triggered", fireCount: 1 }),
    );
    expect(alerts.list.map((r) => [r.id, r.status, r.fireCount])).toEqual([
      ["a2", "active", 0],
      ["a1", "triggered", 1],
    ]);
    alerts.applyRule(rule("a2", { status: "deleted" }));
    expect(alerts.list.map((r) => r.id)).toEqual(["a1"]);
    expect(alerts.rules.a2).toBeUndefined();
  });

  it("lists each firing once by sequence, newest first, and answers only the new ones", () => {
    const alerts = useAlertsStore();
    expect(
      alerts.addFired([fired(2), fired(1)]).map((e) => e.sequence),
    ).toEqual([1, 2]);
    // A replay after a reconnect repeats 2 and brings 3 and 4.
    expect(
      alerts.addFired([fired(2), fired(4), fired(3)]).map((e) => e.sequence),
    ).toEqual([3, 4]);
    expect(alerts.addFired([fired(4)])).toEqual([]);
    expect(alerts.fired.map((e) => e.sequence)).toEqual([4, 3, 2, 1]);
  });

  it(`keeps the newest ${MAX_FIRED} firings`, () => {
    const alerts = useAlertsStore();
    alerts.addFired(
      Array.from({ length: MAX_FIRED + 5 }, (_, i) => fired(i + 1)),
    );
    expect(alerts.fired).toHaveLength(MAX_FIRED);
    expect(alerts.fired[0]!.sequence).toBe(MAX_FIRED + 5);
  });

  it("reset forgets rules, firings and the draft", () => {
    const alerts = useAlertsStore();
    alerts.applyRule(rule("a1"));
    alerts.addFired([fired(1)]);
    alerts.openDraft("ETHUSD", 3000);
    alerts.reset();
    expect([alerts.list, alerts.fired, alerts.draft]).toEqual([[], [], null]);
    // A firing seen before the reset is new to the next session.
    expect(alerts.addFired([fired(1)])).toHaveLength(1);
  });
});
