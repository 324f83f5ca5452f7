import type { AlertEvent, AlertRule } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradePrint } from "../../src/contracts/bar-streams";
import { alertCalls, expectedFirings, Tape } from "../support/alert-calls";
import {
  startCluster,
  type Cluster,
  type Instance,
} from "../support/alerts-cluster-apps";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { parseSamples, samplesOf, scrape } from "../support/metrics-text";
import { TestSocket, until } from "../support/test-socket";

const MIN = 60_000;
const COOLDOWN_MS = 45_000;
const cents = (n: number) => Math.round(n * 100) / 100;
const updates = <T>(s: TestSocket, route: string): T[] =>
  s.frames
    .filter((f) => f.type === `${route}.update`)
    .map((f) => f.payload.payload as T);

/** A metric of one instance; 0 when it has no sample yet (a counter never incremented). */
async function metric(instance: Instance, name: string): Promise<number> {
  const samples = samplesOf(parseSamples(await scrape(instance.httpUrl)), name);
  return samples.reduce((sum, s) => sum + s.value, 0);
}

describe.each(testDatabases())(
  "alerts on three instances sharing $name and one bus",
  (engine) => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    let cluster: Cluster;
    let leader: Instance;
    let follower: Instance;
    let other: Instance;
    let token = "";
    let tape: Tape;
    let tapes: Tape[] = [];
    let sockets: TestSocket[] = [];
    let oneShot: AlertRule;
    let repeating: AlertRule;
    let band = { lower: 0, upper: 0 };
    const calls = alertCalls(() => follower);
    const left = (i: number) => {
      const trade = tape.trades[i] as TradePrint;
      return trade.price < band.lower || trade.price > band.upper;
    };
    const stored = async () =>
      [...(await calls.events(token, "?limit=500")).body.items].reverse();
    const armedOn = (i: Instance) => metric(i, "tradewire_alerts_active_rules");

    beforeAll(async () => {
      cluster = await startCluster({
        clock,
        database: await engine.open(),
        size: 3,
      });
      [leader, follower, other] = cluster.instances as [
        Instance,
        Instance,
        Instance,
      ];
      token = await follower.login("alice");
      // BTCUSD is live on every instance from the start: in this branch each one runs the
      // market and stores its closed minutes, and one that fell behind would store them again.
      tapes = await Promise.all(
        cluster.instances.map((i) => Tape.open(i, "BTCUSD")),
      );
      tape = tapes[0] as Tape;
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      for (const t of tapes) t.stop();
      await cluster.close();
      await engine.dispose();
    });

    it("a rule created on a follower is evaluated by the leader alone: each crossing fires once, heard on every instance", async () => {
      sockets = await Promise.all(
        cluster.instances.map((i) => TestSocket.open(i.wsUrl, { token })),
      );
      for (const s of sockets) {
        expect((await s.subscribe("alerts", {})).payload.status).toBe("ok");
        expect((await s.subscribe("alert-events", {})).payload.status).toBe(
          "ok",
        );
      }
      await cluster.run(2 * MIN);
      const p = tape.last.price;
      const { low, high } = tape.range();
      const span = Math.max(high - low, p * 0.0005);
      band = { lower: cents(p - span / 4), upper: cents(p + span / 4) };
      const condition = {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "leaves",
        ...band,
      };
      oneShot = (await calls.create(token, { condition })).body;
      repeating = (
        await alertCalls(() => other).create(token, {
          condition,
          repeat: true,
          cooldownSeconds: COOLDOWN_MS / 1000,
        })
      ).body;
      // The leader hears of both rules on the bus and arms them; followers arm nothing.
      await until(async () => (await armedOn(leader)) === 2);
      expect(await armedOn(follower)).toBe(0);
      expect(await armedOn(other)).toBe(0);
      const armedAt = tape.trades.length;
      await cluster.run(8 * MIN);

      const once = expectedFirings(tape.trades, armedAt, left, {});
      const again = expectedFirings(tape.trades, armedAt, left, {
        repeat: true,
        cooldownMs: COOLDOWN_MS,
      });
      expect(once).toHaveLength(1);
      expect(again.length).toBeGreaterThan(1);
      const total = once.length + again.length;
      await until(async () => (await stored()).length === total);
      const events = await stored();
      expect(events.map((e) => e.sequence)).toEqual(
        events.map((_, i) => i + 1),
      );
      const firedBy = (id: string) =>
        events.filter((e) => e.alertId === id).map((e) => [e.firedAt, e.price]);
      expect(firedBy(oneShot.id)).toEqual(once.map((t) => [t.time, t.price]));
      expect(firedBy(repeating.id)).toEqual(
        again.map((t) => [t.time, t.price]),
      );
      // Every instance runs the same market: the followers' trades are the leader's.
      for (const t of tapes) expect(t.trades).toEqual(tape.trades);

      // One toast per firing on the sockets of the leader and of each follower.
      for (const s of sockets) {
        await until(() => updates(s, "alert-events").length >= total);
        await s.ping();
        expect(updates<AlertEvent>(s, "alert-events")).toEqual(events);
      }
      expect(await metric(leader, "tradewire_alerts_fired_total")).toBe(total);
      expect(await metric(follower, "tradewire_alerts_fired_total")).toBe(0);
      await expectRuleStates();
    });

    it("a follower cut off from the bus catches up from the database: every event once, in order, and the rule state", async () => {
      const before = (await stored()).length;
      other.bus.cut();
      await cluster.run(8 * MIN);
      const during = await stored();
      expect(during.length).toBeGreaterThan(before);
      const cutSocket = sockets[2] as TestSocket;
      expect(updates(cutSocket, "alert-events")).toHaveLength(before);
      other.bus.restore();
      await until(
        () => updates(cutSocket, "alert-events").length >= during.length,
      );
      // A firing of the run's last trades may still be committing when `during` was read.
      for (const s of sockets) {
        await until(
          async () =>
            updates(s, "alert-events").length === (await stored()).length,
        );
        await s.ping();
        expect(updates<AlertEvent>(s, "alert-events")).toEqual(await stored());
      }
      await expectRuleStates();
    });

    it("a new leader takes over: the rule fires once per crossing, its cooldown carried over from the database", async () => {
      const before = await stored();
      await leader.role.demote();
      await follower.role.promote();
      expect(await armedOn(leader)).toBe(0);
      // The one-shot fired already: only the repeating rule is armed again.
      expect(await armedOn(follower)).toBe(1);
      const rule = (await calls.get(token, repeating.id)).body;
      const armedAt = tape.trades.length;
      await cluster.run(8 * MIN);
      const expected = expectedFirings(tape.trades, armedAt, left, {
        repeat: true,
        cooldownMs: COOLDOWN_MS,
        ...(rule.lastFiredAt !== undefined
          ? { lastFiredAt: rule.lastFiredAt }
          : {}),
      });
      expect(expected.length).toBeGreaterThan(0);
      const total = before.length + expected.length;
      await until(async () => (await stored()).length === total);
      const events = await stored();
      expect(events.slice(0, before.length)).toEqual(before);
      expect(
        events.slice(before.length).map((e) => [e.alertId, e.firedAt, e.price]),
      ).toEqual(expected.map((t) => [repeating.id, t.time, t.price]));
      expect(events.map((e) => e.sequence)).toEqual(
        events.map((_, i) => i + 1),
      );
      for (const s of sockets) {
        await until(() => updates(s, "alert-events").length >= total);
        await s.ping();
        expect(updates<AlertEvent>(s, "alert-events")).toEqual(events);
      }
      await expectRuleStates();
    });

    it("a rule deleted on a follower stops firing on the leader", async () => {
      const before = await stored();
      const res = await alertCalls(() => other).remove(token, repeating.id);
      expect(res.status).toBe(200);
      await until(async () => (await armedOn(follower)) === 0);
      const from = tape.trades.length;
      await cluster.run(8 * MIN);
      // Had it stayed armed, it would have fired: the deletion is what kept it quiet.
      expect(
        expectedFirings(tape.trades, from, left, {
          repeat: true,
          cooldownMs: 0,
        }).length,
      ).toBeGreaterThan(0);
      for (const s of sockets) await s.ping();
      expect(await stored()).toEqual(before);
      for (const s of sockets) {
        expect(updates(s, "alert-events")).toHaveLength(before.length);
        const last = updates<AlertRule>(s, "alerts")
          .filter((r) => r.id === repeating.id)
          .at(-1);
        expect(last?.status).toBe("deleted");
      }
    });

    it("a leader cut off from the bus when a rule is created arms it from the database once the bus is back", async () => {
      const before = await stored();
      // A channel around where the market is now, so that it is left in the minutes to come.
      const p = tape.last.price;
      const { low, high } = tape.range(tape.trades.length - 480);
      const span = Math.max(high - low, p * 0.0005);
      const near = { lower: cents(p - span / 4), upper: cents(p + span / 4) };
      const outside = (i: number) => {
        const trade = tape.trades[i] as TradePrint;
        return trade.price < near.lower || trade.price > near.upper;
      };
      follower.bus.cut();
      const res = await alertCalls(() => other).create(token, {
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "leaves",
          ...near,
        },
        repeat: true,
        cooldownSeconds: 0,
      });
      expect(res.status).toBe(201);
      const late = res.body;
      for (const s of sockets) await s.ping();
      // The notice was lost: the leader does not know the rule yet.
      expect(await armedOn(follower)).toBe(0);
      follower.bus.restore();
      await until(async () => (await armedOn(follower)) === 1);
      const armedAt = tape.trades.length;
      await cluster.run(8 * MIN);
      const expected = expectedFirings(tape.trades, armedAt, outside, {
        repeat: true,
        cooldownMs: 0,
      });
      expect(expected.length).toBeGreaterThan(0);
      const total = before.length + expected.length;
      await until(async () => (await stored()).length === total);
      const events = (await stored()).slice(before.length);
      expect(events.map((e) => [e.alertId, e.firedAt, e.price])).toEqual(
        expected.map((t) => [late.id, t.time, t.price]),
      );
      await expectRuleStates([late.id]);
      expect(
        (await alertCalls(() => other).remove(token, late.id)).status,
      ).toBe(200);
      await until(async () => (await armedOn(follower)) === 0);
    });

    /** Each socket's last state of each rule is what the database holds. */
    async function expectRuleStates(
      ids = [oneShot.id, repeating.id],
    ): Promise<void> {
      for (const id of ids) {
        const now = (await calls.get(token, id)).body;
        for (const s of sockets) {
          await until(
            () =>
              JSON.stringify(
                updates<AlertRule>(s, "alerts")
                  .filter((r) => r.id === id)
                  .at(-1),
              ) === JSON.stringify(now),
          );
        }
      }
    }
  },
);
