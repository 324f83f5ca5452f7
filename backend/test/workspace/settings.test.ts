import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const DEFAULTS = {
  theme: "dark",
  timeZone: "exchange",
  chartType: "candles",
  defaultNotional: 1000,
  quantities: {},
  confirmOrders: true,
  confirmAboveNotional: 10000,
  confirmClose: true,
  sound: false,
  notifications: false,
  panels: { watchlistWidth: 280, ticketWidth: 300, accountHeight: 260 },
};

describe("settings per user", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  const get = (token: string) =>
    t.request<Record<string, unknown>>("GET", "/api/v1/settings", { token });
  const put = (token: string, body: unknown) =>
    t.request<Record<string, unknown>>("PUT", "/api/v1/settings", {
      token,
      body,
    });

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    [alice, bob] = await Promise.all([t.login("alice"), t.login("bob")]);
  });
  afterAll(() => t.close());

  it("answers every default, but no activeWatchlist, to a user who never saved any", async () => {
    const res = await get(bob);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULTS);
  });

  it("replaces the whole document: what is left out takes its default, panels filled in", async () => {
    const first = await put(alice, {
      theme: "light",
      chartType: "heikin-ashi",
      quantities: { AAPL: 25, "NASDAQ:MSFT": 3 },
      activeWatchlist: "wl-1",
      panels: { ticketWidth: 420 },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ...DEFAULTS,
      theme: "light",
      chartType: "heikin-ashi",
      quantities: { AAPL: 25, "NASDAQ:MSFT": 3 },
      activeWatchlist: "wl-1",
      panels: { watchlistWidth: 280, ticketWidth: 420, accountHeight: 260 },
    });
    expect((await get(alice)).body).toEqual(first.body);

    const second = await put(alice, { sound: true, confirmAboveNotional: 0 });
    expect(second.body).toEqual({
      ...DEFAULTS,
      sound: true,
      confirmAboveNotional: 0,
    });
    expect((await get(alice)).body).toEqual(second.body);
  });

  it("follows the user to a second device (another login) and not to another user", async () => {
    const saved = await put(alice, { timeZone: "UTC", notifications: true });
    expect(saved.status).toBe(200);
    const device = await t.login("alice");
    expect((await get(device)).body).toEqual({
      ...DEFAULTS,
      timeZone: "UTC",
      notifications: true,
    });
    const change = await put(device, { theme: "light" });
    expect(change.status).toBe(200);
    expect((await get(alice)).body).toEqual({ ...DEFAULTS, theme: "light" });
    expect((await get(bob)).body).toEqual(DEFAULTS);
  });

  it("belongs to the user, not the account: switching accounts keeps it", async () => {
    const token = await t.login("alice");
    const saved = await put(token, { chartType: "line" });
    const swing = await t.request<{ token: string }>(
      "POST",
      "/api/v1/auth/account",
      { token, body: { accountId: "acc-alice-swing" } },
    );
    expect(swing.status).toBe(200);
    expect((await get(swing.body.token)).body).toEqual(saved.body);
  });

  it("refuses invalid documents with 400 naming the field, and stores nothing", async () => {
    const kept = { ...DEFAULTS, theme: "light", quantities: { AAPL: 5 } };
    expect((await put(alice, kept)).body).toEqual(kept);
    const many = Object.fromEntries(
      Array.from({ length: 501 }, (_, i) => [`S${i}`, 1]),
    );
    const cases: [unknown, string | undefined][] = [
      [{ theme: "blue" }, "theme"],
      [{ theme: null }, "theme"],
      [{ defaultNotional: "1000" }, "defaultNotional"],
      [{ defaultNotional: 0 }, "defaultNotional"],
      [{ defaultNotional: 1e10 }, "defaultNotional"],
      [{ confirmOrders: 1 }, "confirmOrders"],
      [{ confirmAboveNotional: -1 }, "confirmAboveNotional"],
      [{ colour: "red" }, "colour"],
      [{ panels: { watchlistWidth: 100 } }, "panels.watchlistWidth"],
      [{ panels: { ticketWidth: 300.5 } }, "panels.ticketWidth"],
      [{ panels: { height: 300 } }, "panels.height"],
      [{ quantities: { AAPL: 0 } }, "quantities.AAPL"],
      [{ quantities: { AAPL: "5" } }, "quantities.AAPL"],
      [{ quantities: { "bad key": 1 } }, "quantities"],
      [{ quantities: { "": 1 } }, "quantities"],
      [{ quantities: { ["A".repeat(33)]: 1 } }, "quantities"],
      [{ quantities: { "AAPL\u0000": 1 } }, "quantities"],
      [{ quantities: many }, "quantities"],
      [{ quantities: [] }, "quantities"],
      [{ activeWatchlist: "x".repeat(65) }, "activeWatchlist"],
      [{ activeWatchlist: "wl\u0000" }, "activeWatchlist"],
      [[], undefined],
      ["light", undefined],
    ];
    for (const [body, field] of cases) {
      const res = await put(alice, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body).toMatchObject({
        code: "INVALID_PARAMS",
        ...(field ? { field } : {}),
      });
    }
    const key = await put(alice, { quantities: { "bad key": 1 } });
    expect(key.body.message).toMatch(/^quantities has a key "bad key" that /);
    expect((await put(alice, { quantities: many })).body.message).toBe(
      "quantities must NOT have more than 500 properties",
    );
    const huge = await put(alice, {
      quantities: { AAPL: 1 },
      x: "y".repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
    expect((await get(alice)).body).toEqual(kept);
  });

  it("takes 500 remembered quantities, the most there may be", async () => {
    const quantities = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`S${i}`, i + 1]),
    );
    const res = await put(bob, { quantities });
    expect(res.status).toBe(200);
    expect((await get(bob)).body.quantities).toEqual(quantities);
    expect((await put(bob, {})).body).toEqual(DEFAULTS);
  });

  it("answers 401 without a valid token", async () => {
    expect((await get("")).status).toBe(401);
    expect((await put("", { theme: "light" })).status).toBe(401);
    expect((await put("garbage", { theme: "light" })).status).toBe(401);
  });
});
