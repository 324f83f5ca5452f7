import type { AlertEvent, AlertRule } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradePrint } from "../../src/contracts/bar-streams";
import { alertCalls, expectedFirings, Tape } from "../support/alert-calls";
import { buildCases, type Case } from "../support/alert-cases";
import { takeViolations } from "../support/conformance";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const MIN = 60_000;
const RUN_MS = 20 * MIN;
const updates = <T>(s: TestSocket, route: string): T[] =>
  s.frames
    .filter((f) => f.type === `${route}.update`)
    .map((f) => f.payload.payload as T);

describe("alerts fire exactly when their condition turns true, over a real socket", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  const calls = alertCalls(() => t);

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterAll(() => t.close());

  it("every rule type, one-shot and repeating, cooldown and expiry; a reconnecting trader misses nothing; bob sees nothing", async () => {
    // The server warms MACD on up to 5,000 bars (here the 1,440 of the backfilled day): the tape
    // reads the same, so both EMAs start alike (and forget where they started long before).
    const tape = await Tape.open(t, "BTCUSD", "1", 5000);
    await t.run(3 * MIN);
    const cases = buildCases(tape, clock.now());
    const watcher = await TestSocket.open(t.wsUrl, { token: alice });
    const reconnecting = await TestSocket.open(t.wsUrl, { token: alice });
    const intruder = await TestSocket.open(t.wsUrl, { token: bob });
    for (const s of [watcher, intruder]) {
      expect((await s.subscribe("alerts", {})).payload.status).toBe("ok");
      expect((await s.subscribe("alert-events", {})).payload.status).toBe("ok");
    }
    expect(
      (await reconnecting.subscribe("alert-events", {})).payload.status,
    ).toBe("ok");

    const armedAt = tape.trades.length;
    const rules = new Map<string, Case>();
    for (const c of cases) {
      const res = await calls.create(alice, {
        name: c.name,
        condition: c.condition,
        repeat: c.repeat ?? false,
        cooldownSeconds: c.cooldownSeconds ?? 0,
        ...(c.expiresAt !== undefined ? { expiresAt: c.expiresAt } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      rules.set(res.body.id, c);
    }

    const expectedOf = (c: Case, upTo = tape.trades.length) =>
      expectedFirings(
        tape.trades.slice(0, upTo),
        armedAt,
        (i) => {
          const trade = tape.trades[i] as TradePrint;
          return c.expiresAt !== undefined && trade.time >= c.expiresAt
            ? null
            : c.holds(i);
        },
        {
          repeat: c.repeat ?? false,
          cooldownMs: (c.cooldownSeconds ?? 0) * 1000,
        },
      );
    const total = () =>
      [...rules.values()].reduce((n, c) => n + expectedOf(c).length, 0);

    // Each firing is stored before it is sent: wait for as many as the tape says, then check them.
    await t.run(RUN_MS / 2);
    const half = total();
    await until(() => updates(reconnecting, "alert-events").length >= half);
    const seenBeforeDrop = updates<AlertEvent>(reconnecting, "alert-events");
    reconnecting.close();
    await t.run(RUN_MS / 2);
    await until(() => updates(watcher, "alert-events").length >= total());
    await watcher.ping();

    const events = updates<AlertEvent>(watcher, "alert-events");
    expect(events).toHaveLength(total());
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    const stored = (await calls.events(alice, "?limit=500")).body.items;
    expect([...stored].reverse()).toEqual(events);

    for (const [id, c] of rules) {
      const expected = expectedOf(c);
      expect(
        expected.length,
        `${c.name} never fires: pick other levels`,
      ).toBeGreaterThan(0);
      if ((c.cooldownSeconds ?? 0) > 0)
        // The cooldown must have skipped a crossing, or this case proves nothing about it.
        expect(
          expectedFirings(tape.trades, armedAt, c.holds, {
            repeat: true,
            cooldownMs: 0,
          }).length,
          c.name,
        ).toBeGreaterThan(expected.length);
      const fired = events.filter((e) => e.alertId === id);
      expect(
        fired.map((e) => [e.firedAt, e.price]),
        c.name,
      ).toEqual(expected.map((trade) => [trade.time, trade.price]));
      if (c.value) {
        const valueOf = c.value;
        for (const e of fired) {
          const index = tape.trades.findIndex(
            (tr) => tr.time === e.firedAt && tr.price === e.price,
          );
          expect(e.value, c.name).toBeCloseTo(valueOf(index), 6);
        }
      }
      const finalState = (await calls.get(alice, id)).body;
      const status =
        c.expiresAt !== undefined
          ? "expired"
          : c.repeat
            ? "active"
            : "triggered";
      expect(finalState).toMatchObject({ status, fireCount: expected.length });
      const lastUpdate = updates<AlertRule>(watcher, "alerts")
        .filter((r) => r.id === id)
        .at(-1);
      expect(lastUpdate).toEqual(finalState);
    }
    const crossing = events.find(
      (e) => rules.get(e.alertId)?.name === "one-shot above",
    );
    expect(crossing?.message).toMatch(
      /^BTCUSD crossed above [\d,]+\.\d{2} at [\d,]+\.\d{2}$/,
    );

    // /metrics counts what was stored and sent: firings by type, their latency, the armed rules.
    const samples = parseSamples(await scrape(t.httpUrl));
    const byType = new Map<string, number>();
    for (const e of events)
      byType.set(e.condition.type, (byType.get(e.condition.type) ?? 0) + 1);
    for (const [type, n] of byType)
      expect(
        valueOf(samples, "tradewire_alerts_fired_total", { type }),
        type,
      ).toBe(n);
    expect(
      valueOf(samples, "tradewire_alerts_evaluation_to_delivery_seconds_count"),
    ).toBe(events.length);
    // Two one-shots triggered and one rule expired: the rest are still armed.
    const active = (await calls.list(alice)).body.filter(
      (r) => r.status === "active",
    ).length;
    expect(active).toBe(rules.size - 3);
    expect(valueOf(samples, "tradewire_alerts_active_rules")).toBe(active);

    // The trader who dropped half-way reconnects with the last sequence they saw.
    const back = await TestSocket.open(t.wsUrl, { token: alice });
    const since = seenBeforeDrop.at(-1)?.sequence ?? 0;
    expect(since).toBeGreaterThan(0);
    expect(since).toBeLessThan(events.length);
    expect(
      (await back.subscribe("alert-events", { since })).payload.status,
    ).toBe("ok");
    await until(
      () =>
        updates<AlertEvent>(back, "alert-events").length >=
        events.length - since,
    );
    await back.ping();
    expect([
      ...seenBeforeDrop,
      ...updates<AlertEvent>(back, "alert-events"),
    ]).toEqual(events);

    // Bob's sockets saw an empty snapshot and no event; his replay from 0 is empty too.
    await intruder.ping();
    expect(updates(intruder, "alerts")).toEqual([]);
    expect(updates(intruder, "alert-events")).toEqual([]);
    const bobReplay = await TestSocket.open(t.wsUrl, { token: bob });
    expect(
      (await bobReplay.subscribe("alert-events", { since: 0 })).payload.status,
    ).toBe("ok");
    await bobReplay.ping();
    expect(updates(bobReplay, "alert-events")).toEqual([]);
    expect((await calls.events(bob)).body.items).toEqual([]);

    for (const s of [watcher, back, intruder, bobReplay]) s.close();
    tape.stop();
    expect(takeViolations()).toEqual([]);
  });
});
