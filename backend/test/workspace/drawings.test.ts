import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

interface Drawings {
  drawings: unknown[];
}

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const level = (id: string, price = 230.5) => ({
  id,
  kind: "horizontal",
  points: [{ time: NOW_S, price }],
});
const trend = (id: string) => ({
  id,
  kind: "trend",
  points: [
    { time: NOW_S - 3600, price: 228 },
    { time: NOW_S, price: 231.25 },
  ],
  color: "#1e90ff",
});

describe("chart drawings per user and symbol", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  const get = (token: string, symbol: string) =>
    t.request<Drawings>("GET", `/api/v1/drawings/${symbol}`, { token });
  const put = (token: string, symbol: string, body: unknown) =>
    t.request<Drawings>("PUT", `/api/v1/drawings/${symbol}`, { token, body });
  const rows = async () =>
    (
      await t.database.db
        .selectFrom("drawings")
        .select(["user_id", "symbol"])
        .orderBy("user_id")
        .orderBy("symbol")
        .execute()
    ).map((r) => `${r.user_id} ${r.symbol}`);

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    [alice, bob] = await Promise.all([t.login("alice"), t.login("bob")]);
  });
  afterAll(() => t.close());

  it("answers an empty list where nothing was drawn, then what was stored, per symbol", async () => {
    expect((await get(alice, "AAPL")).body).toEqual({ drawings: [] });
    const body = { drawings: [level("h1"), trend("t1")] };
    const saved = await put(alice, "AAPL", body);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(body);
    expect((await get(alice, "AAPL")).body).toEqual(body);
    expect((await get(alice, "NASDAQ:AAPL")).body).toEqual(body);
    expect((await get(alice, "MSFT")).body).toEqual({ drawings: [] });
    expect((await get(bob, "AAPL")).body).toEqual({ drawings: [] });

    const fx = { drawings: [level("eur", 1.0842)] };
    expect((await put(alice, "EURUSD", fx)).status).toBe(200);
    expect(await rows()).toEqual(["u-alice AAPL", "u-alice EURUSD"]);
  });

  it("replaces the chart's drawings whole, and an empty list removes them", async () => {
    const next = { drawings: [trend("t2")] };
    expect((await put(alice, "NASDAQ:AAPL", next)).body).toEqual(next);
    expect((await get(alice, "AAPL")).body).toEqual(next);
    expect((await put(alice, "AAPL", { drawings: [] })).body).toEqual({
      drawings: [],
    });
    expect((await get(alice, "AAPL")).body).toEqual({ drawings: [] });
    expect(await rows()).toEqual(["u-alice EURUSD"]);
  });

  it("holds 100 drawings a chart and refuses the 101st", async () => {
    const hundred = Array.from({ length: 100 }, (_, i) =>
      level(`h${i}`, 100 + i),
    );
    expect((await put(bob, "BTCUSD", { drawings: hundred })).status).toBe(200);
    const more = await put(bob, "BTCUSD", {
      drawings: [...hundred, level("h100")],
    });
    expect(more.status).toBe(400);
    expect(more.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "drawings",
    });
    expect((await get(bob, "BTCUSD")).body.drawings).toHaveLength(100);
  });

  it("refuses a line with the wrong number of points, or ids used twice, naming drawings", async () => {
    const body = { drawings: [level("keep")] };
    await put(alice, "MSFT", body);
    const cases: [unknown[], string][] = [
      [
        [
          {
            ...level("h"),
            points: [...level("h").points, ...level("h").points],
          },
        ],
        "drawings.0: a horizontal line has exactly 1 point",
      ],
      [
        [level("ok"), { ...trend("t"), points: trend("t").points.slice(1) }],
        "drawings.1: a trend line has exactly 2 points",
      ],
      [[level("same"), trend("same")], "drawings.1: the id same is used twice"],
    ];
    for (const [drawings, message] of cases) {
      const res = await put(alice, "MSFT", { drawings });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: "INVALID_PARAMS",
        field: "drawings",
        message,
      });
    }
    expect((await get(alice, "MSFT")).body).toEqual(body);
  });

  it("refuses malformed drawings with 400 naming the field, and stores nothing", async () => {
    const body = { drawings: [level("keep")] };
    await put(alice, "MSFT", body);
    const cases: [unknown, string | undefined][] = [
      [{}, "drawings"],
      [{ drawings: {} }, "drawings"],
      [{ drawings: [], extra: 1 }, "extra"],
      [{ drawings: [{ ...level("a"), kind: "ray" }] }, "drawings.0.kind"],
      [{ drawings: [{ ...level("a"), label: "x" }] }, "drawings.0.label"],
      [{ drawings: [level("a b")] }, "drawings.0.id"],
      [{ drawings: [level("a\u0000")] }, "drawings.0.id"],
      [{ drawings: [level("x".repeat(65))] }, "drawings.0.id"],
      [{ drawings: [{ ...level("a"), points: [] }] }, "drawings.0.points"],
      [{ drawings: [level("a", 2e9)] }, "drawings.0.points.0.price"],
      [
        { drawings: [{ ...level("a"), points: [{ time: -1, price: 1 }] }] },
        "drawings.0.points.0.time",
      ],
      [
        { drawings: [{ ...level("a"), points: [{ time: 1.5, price: 1 }] }] },
        "drawings.0.points.0.time",
      ],
      [
        { drawings: [{ ...level("a"), points: [{ time: 1, price: "1" }] }] },
        "drawings.0.points.0.price",
      ],
      [{ drawings: [{ ...level("a"), color: "red" }] }, "drawings.0.color"],
      [
        { drawings: [{ ...level("a"), color: "#ff0000\u0000" }] },
        "drawings.0.color",
      ],
    ];
    for (const [input, field] of cases) {
      const res = await put(alice, "MSFT", input);
      expect(res.status, JSON.stringify(input).slice(0, 80)).toBe(400);
      expect(res.body).toMatchObject({
        code: "INVALID_PARAMS",
        ...(field ? { field } : {}),
      });
    }
    const huge = await put(alice, "MSFT", {
      drawings: [],
      pad: "y".repeat(1_100_000),
    });
    expect(huge.status).toBe(413);
    expect((await get(alice, "MSFT")).body).toEqual(body);
  });

  it("refuses a symbol the datafeed does not list with 400 UNKNOWN_SYMBOL, and a malformed one with INVALID_PARAMS", async () => {
    for (const res of [
      await get(alice, "NOPE"),
      await put(alice, "NOPE", { drawings: [level("a")] }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: "UNKNOWN_SYMBOL",
        message: 'unknown symbol "NOPE"',
        field: "symbol",
      });
    }
    const malformed = await get(alice, "bad%20symbol");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "symbol",
    });
    const long = await put(alice, "A".repeat(33), { drawings: [] });
    expect(long.status).toBe(400);
    expect(await rows()).not.toContain("u-alice NOPE");
  });

  it("answers 401 without a valid token", async () => {
    expect((await get("", "AAPL")).status).toBe(401);
    expect((await put("", "AAPL", { drawings: [] })).status).toBe(401);
    expect((await put("garbage", "EURUSD", { drawings: [] })).status).toBe(401);
    expect(await rows()).toContain("u-alice EURUSD");
  });
});
