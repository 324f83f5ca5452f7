import type { AlertEvent, AlertRule } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import type { TradePrint } from "../../src/contracts/bar-streams";
import { alertCalls, expectedFirings, Tape } from "../support/alert-calls";
import { testDatabases } from "../support/databases";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket, until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const MIN = 60_000;
const cents = (n: number) => Math.round(n * 100) / 100;

describe.each(testDatabases())("alerts across a restart on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("rules and events survive; nothing fires twice; sequences continue; cooldown carries over", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    let t: TradingApp = await startTradingApp({
      clock,
      database: await engine.open(),
    });
    const calls = alertCalls(() => t);
    let token = await t.login("alice");
    let tape = await Tape.open(t, "BTCUSD");
    await t.run(2 * MIN);
    const p = tape.last.price;
    const { low, high } = tape.range();
    const span = Math.max(high - low, p * 0.0005);
    const band = { lower: cents(p - span / 4), upper: cents(p + span / 4) };
    const inside = (tr: TradePrint) =>
      tr.price >= band.lower && tr.price <= band.upper;
    const repeating = (
      await calls.create(token, {
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "leaves",
          ...band,
        },
        repeat: true,
        cooldownSeconds: 45,
      })
    ).body;
    const oneShot = (
      await calls.create(token, {
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "leaves",
          ...band,
        },
      })
    ).body;
    let armedAt = tape.trades.length;
    await t.run(8 * MIN);
    const holds = (trades: readonly TradePrint[]) => (i: number) =>
      !inside(trades[i] as TradePrint);
    const firstRun = expectedFirings(tape.trades, armedAt, holds(tape.trades), {
      repeat: true,
      cooldownMs: 45_000,
    });
    expect(firstRun.length).toBeGreaterThan(1);
    await until(
      async () =>
        (await calls.get(token, repeating.id)).body.fireCount ===
        firstRun.length,
    );
    const before = (await calls.events(token, "?limit=500")).body.items;
    expect(before).toHaveLength(firstRun.length + 1);
    const beforeRule = (await calls.get(token, repeating.id)).body;
    tape.stop();
    await t.close();

    t = await startTradingApp({ clock, database: await engine.open() });
    token = await t.login("alice");
    tape = await Tape.open(t, "BTCUSD");
    const s = await TestSocket.open(t.wsUrl, { token });
    const lastSeen = before[0]?.sequence ?? 0;
    expect(
      (await s.subscribe("alert-events", { since: lastSeen })).payload.status,
    ).toBe("ok");
    expect((await calls.get(token, oneShot.id)).body).toMatchObject({
      status: "triggered",
      fireCount: 1,
    });
    expect((await calls.get(token, repeating.id)).body).toEqual(beforeRule);
    armedAt = 0;
    await t.run(8 * MIN);
    const secondRun = expectedFirings(
      tape.trades,
      armedAt,
      holds(tape.trades),
      {
        repeat: true,
        cooldownMs: 45_000,
        ...(beforeRule.lastFiredAt !== undefined
          ? { lastFiredAt: beforeRule.lastFiredAt }
          : {}),
      },
    );
    expect(secondRun.length).toBeGreaterThan(0);
    await until(
      async () =>
        (await calls.get(token, repeating.id)).body.fireCount ===
        firstRun.length + secondRun.length,
    );
    const live = () =>
      s.frames
        .filter((f) => f.type === "alert-events.update")
        .map((f) => f.payload.payload as AlertEvent);
    await until(() => live().length === secondRun.length);
    await s.ping();
    expect(
      live().map((e) => [e.alertId, e.firedAt, e.price, e.sequence]),
    ).toEqual(
      secondRun.map((tr, i) => [
        repeating.id,
        tr.time,
        tr.price,
        lastSeen + i + 1,
      ]),
    );
    const all = (await calls.events(token, "?limit=500")).body.items;
    expect(all.slice(secondRun.length)).toEqual(before);
    const rule: AlertRule = (await calls.get(token, repeating.id)).body;
    expect(rule.status).toBe("active");
    s.close();
    tape.stop();
    await t.close();
  });
});
