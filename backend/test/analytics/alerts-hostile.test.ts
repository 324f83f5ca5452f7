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

describe("hostile alert input: clear 400/422, nothing stored, connections kept", () => {
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

  it.each<[string, unknown, string, string | undefined]>([
    [
      "a level as a string",
      cross(0, { condition: { ...cross(1).condition, level: "90000" } }),
      "INVALID_PARAMS",
      "condition",
    ],
    [
      "a NaN-ish level",
      cross(0, { condition: { ...cross(1).condition, level: "NaN" } }),
      "INVALID_PARAMS",
      "condition",
    ],
    ["a level of zero", cross(0), "INVALID_PARAMS", "condition"],
    ["a level beyond the maximum", cross(1e12), "INVALID_PARAMS", "condition"],
    [
      "an unknown field",
      cross(1, { sound: "bell" }),
      "INVALID_PARAMS",
      "sound",
    ],
    [
      "an unknown condition field",
      { condition: { ...cross(1).condition, note: 1 } },
      "INVALID_PARAMS",
      "condition",
    ],
    [
      "an unknown rule type",
      { condition: { type: "moon-phase", symbol: "BTCUSD" } },
      "INVALID_PARAMS",
      "condition",
    ],
    ["no condition", { name: "x" }, "INVALID_PARAMS", "condition"],
    [
      "a huge name",
      cross(1, { name: "x".repeat(81) }),
      "INVALID_PARAMS",
      "name",
    ],
    ["an empty name", cross(1, { name: "" }), "INVALID_PARAMS", "name"],
    [
      "a negative cooldown",
      cross(1, { cooldownSeconds: -1 }),
      "INVALID_PARAMS",
      "cooldownSeconds",
    ],
    [
      "a fractional cooldown",
      cross(1, { cooldownSeconds: 1.5 }),
      "INVALID_PARAMS",
      "cooldownSeconds",
    ],
    [
      "an expiry in the past",
      cross(1, { expiresAt: WEDNESDAY_10AM_NY - 1 }),
      "INVALID_PARAMS",
      "expiresAt",
    ],
    [
      "an unknown symbol",
      { condition: { ...cross(1).condition, symbol: "NOPE" } },
      "UNKNOWN_SYMBOL",
      "condition.symbol",
    ],
    [
      "an unknown resolution",
      {
        condition: {
          type: "volume-spike",
          symbol: "BTCUSD",
          resolution: "0D",
          factor: 2,
          lookback: 5,
        },
      },
      "UNKNOWN_RESOLUTION",
      "condition.resolution",
    ],
    [
      "an empty channel",
      {
        condition: {
          type: "price-channel",
          symbol: "BTCUSD",
          direction: "enters",
          lower: 5,
          upper: 5,
        },
      },
      "INVALID_PARAMS",
      "condition.lower",
    ],
    [
      "indicator params of another kind",
      {
        condition: {
          type: "indicator-cross",
          symbol: "BTCUSD",
          resolution: "5",
          indicator: { kind: "rsi", params: { stdDev: 2 } },
          line: "value",
          direction: "above",
          level: 70,
        },
      },
      "INVALID_PARAMS",
      "condition.indicator.params",
    ],
    [
      "a line the indicator does not draw",
      {
        condition: {
          type: "indicator-cross",
          symbol: "BTCUSD",
          resolution: "5",
          indicator: { kind: "rsi" },
          line: "signal",
          direction: "above",
          level: 70,
        },
      },
      "INVALID_PARAMS",
      "condition.line",
    ],
    [
      "both level and otherLine",
      {
        condition: {
          type: "indicator-cross",
          symbol: "BTCUSD",
          resolution: "5",
          indicator: { kind: "macd" },
          line: "macd",
          otherLine: "signal",
          level: 0,
          direction: "above",
        },
      },
      "INVALID_PARAMS",
      "condition.level",
    ],
  ])(
    "refuses %s with a clear 400 and stores nothing",
    async (_, body, code, field) => {
      const res = await calls.create<ErrorBody>(alice, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      if (field)
        expect(res.body.field?.startsWith(field), res.body.message).toBe(true);
      expect(res.body.message.length).toBeGreaterThan(5);
      expect(await ids(alice)).toEqual([]);
    },
  );

  it("refuses a bad replacement and keeps the rule as it was", async () => {
    const rule = (await calls.create(alice, cross(50_000))).body;
    const res = await calls.replace<ErrorBody>(alice, rule.id, {
      condition: {
        type: "price-channel",
        symbol: "BTCUSD",
        direction: "enters",
        lower: 9,
        upper: 1,
      },
    });
    expect(res.status).toBe(400);
    expect((await calls.get(alice, rule.id)).body).toEqual(rule);
    await calls.remove(alice, rule.id);
  });

  it(`holds at most ALERTS_MAX_PER_ACCOUNT (${LIMIT}) rules per account: 422 ALERT_LIMIT, deleted ones do not count`, async () => {
    const made: AlertRule[] = [];
    for (let i = 0; i < LIMIT; i++)
      made.push((await calls.create(bob, cross(1000 + i))).body);
    const refused = await calls.create<ErrorBody>(bob, cross(2000));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("ALERT_LIMIT");
    expect(refused.body.message).toContain(`at most ${LIMIT}`);
    expect((await calls.list(bob)).body).toHaveLength(LIMIT);
    // Concurrent creations cannot slip past the limit either.
    await calls.remove(bob, made[0]?.id ?? "");
    const racing = await Promise.all(
      [1, 2, 3].map((i) => calls.create(bob, cross(3000 + i))),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    expect((await calls.list(bob)).body).toHaveLength(LIMIT);
    for (const r of (await calls.list(bob)).body) await calls.remove(bob, r.id);
  });

  it("refuses hostile subscriptions with a clear code and keeps the socket open", async () => {
    const anonymous = await TestSocket.open(t.wsUrl);
    for (const route of ["alerts", "alert-events"]) {
      const refused = await anonymous.subscribe(route, {});
      expect(refused.payload).toMatchObject({
        status: "error",
        code: "UNAUTHORIZED",
      });
    }
    await anonymous.ping();
    anonymous.close();
    const s = await TestSocket.open(t.wsUrl, { token: alice });
    for (const [route, params] of [
      ["alerts", { accountId: "acc-bob-main" }],
      ["alerts", { since: 1 }],
      ["alert-events", { since: -1 }],
      ["alert-events", { since: "0" }],
      ["alert-events", { since: 1.5 }],
      ["alert-events", { since: 0, extra: true }],
    ] as const) {
      const refused = await s.subscribe(route, params);
      expect(refused.payload, JSON.stringify(params)).toMatchObject({
        status: "error",
        code: "INVALID_PARAMS",
      });
    }
    await s.ping();
    expect(s.isOpen).toBe(true);
    s.close();
  });
});
