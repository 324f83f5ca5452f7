import type { AlertRule, ErrorBody } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { alertCalls } from "../support/alert-calls";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const LIMIT = 5;
const cross = (level: number, extra: object = {}) => ({
  condition: {
    type: "price-cross",
    symbol: "BTCUSD",
    direction: "above",
    level,
  },
  ...extra,
});

describe("alert rules over REST", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  const calls = alertCalls(() => t);
  const ids = async (token: string, query = "") =>
    (await calls.list(token, query)).body.map((r) => r.id);

  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      env: { ALERTS_MAX_PER_ACCOUNT: String(LIMIT) },
    });
    alice = await t.login("alice");
    bob = await t.login("bob");
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  it("creates, lists newest first, reads, replaces (re-armed, same id, creation time and fire count) and deletes", async () => {
    const first = await calls.create(alice, cross(90_000));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^alert-/) as string,
      name: "BTCUSD crosses above 90,000.00",
      condition: cross(90_000).condition,
      repeat: false,
      cooldownSeconds: 60,
      status: "active",
      createdAt: clock.now(),
      updatedAt: clock.now(),
      fireCount: 0,
    });
    clock.advance(1000);
    const second = await calls.create(alice, {
      name: "ETH channel",
      condition: {
        type: "price-channel",
        symbol: "ethusd",
        direction: "leaves",
        lower: 100,
        upper: 200,
      },
      repeat: true,
      cooldownSeconds: 5,
      expiresAt: clock.now() + 3_600_000,
    });
    expect(second.status).toBe(201);
    expect(second.body.condition.symbol).toBe("ETHUSD");
    expect(await ids(alice)).toEqual([second.body.id, first.body.id]);
    expect((await calls.get(alice, first.body.id)).body).toEqual(first.body);

    clock.advance(1000);
    const replaced = await calls.replace(
      alice,
      first.body.id,
      cross(91_000, { name: "higher" }),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id: first.body.id,
      name: "higher",
      condition: { level: 91_000 },
      status: "active",
      createdAt: first.body.createdAt,
      updatedAt: clock.now(),
      fireCount: 0,
    });

    const deleted = await calls.remove(alice, second.body.id);
    expect(deleted.status).toBe(200);
    expect(deleted.body.status).toBe("deleted");
    expect((await calls.get(alice, second.body.id)).status).toBe(404);
    expect((await calls.remove(alice, second.body.id)).status).toBe(404);
    expect(await ids(alice)).toEqual([first.body.id]);
    await calls.remove(alice, first.body.id);
  });

  it("keeps accounts apart: another account's rule answers 404 exactly as a missing one", async () => {
    const mine = (await calls.create(alice, cross(80_000))).body;
    const missing = await calls.get<ErrorBody>(bob, "alert-nope");
    for (const res of [
      await calls.get<ErrorBody>(bob, mine.id),
      await calls.replace<ErrorBody>(bob, mine.id, cross(1)),
      await calls.remove<ErrorBody>(bob, mine.id),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(missing.body.code);
      expect(res.body.message).toBe(`no alert ${mine.id}`);
    }
    expect(await ids(bob)).toEqual([]);
    expect((await calls.list(alice, "?accountId=acc-bob-main")).status).toBe(
      404,
    );
    expect(
      (await calls.create(alice, cross(1), "?accountId=acc-bob-main")).status,
    ).toBe(404);
    // Alice's other account is hers, with rules of its own.
    const swing = await calls.create(
      alice,
      cross(70_000),
      "?accountId=acc-alice-swing",
    );
    expect(swing.status).toBe(201);
    expect(await ids(alice, "?accountId=acc-alice-swing")).toEqual([
      swing.body.id,
    ]);
    expect((await calls.get(alice, swing.body.id)).status).toBe(404);
    expect((await calls.get(alice, mine.id)).body.condition).toEqual(
      cross(80_000).condition,
    );
    await calls.remove(alice, mine.id);
    await calls.remove(alice, swing.body.id, "?accountId=acc-alice-swing");
  });

  it("the alerts channel sends the rules, then every change; a deleted rule once, then never again", async () => {
    const kept = (await calls.create(alice, cross(60_000))).body;
    const s = await TestSocket.open(t.wsUrl, { token: alice });
    expect((await s.subscribe("alerts", {})).payload.status).toBe("ok");
    const rules = () =>
      s.frames
        .filter((f) => f.type === "alerts.update")
        .map((f) => f.payload.payload as AlertRule);
    await s.ping();
    expect(rules()).toEqual([kept]);
    const made = (await calls.create(alice, cross(61_000))).body;
    const replaced = (await calls.replace(alice, made.id, cross(62_000))).body;
    const deleted = (await calls.remove(alice, made.id)).body;
    await s.ping();
    expect(rules()).toEqual([kept, made, replaced, deleted]);
    expect(deleted.status).toBe("deleted");
    s.close();
    const again = await TestSocket.open(t.wsUrl, { token: alice });
    expect((await again.subscribe("alerts", {})).payload.status).toBe("ok");
    await again.ping();
    expect(
      again.frames
        .filter((f) => f.type === "alerts.update")
        .map((f) => (f.payload.payload as AlertRule).id),
    ).toEqual([kept.id]);
    again.close();
    await calls.remove(alice, kept.id);
  });

  it("pages fired events by before/limit and refuses bad cursors", async () => {
    const empty = await calls.events(alice);
    expect(empty.body).toEqual({ items: [] });
    expect((await calls.events(alice, "?limit=0")).status).toBe(400);
    expect((await calls.events(alice, "?before=abc")).status).toBe(400);
    expect((await calls.events(alice, "?accountId=acc-bob-main")).status).toBe(
      404,
    );
  });
});
