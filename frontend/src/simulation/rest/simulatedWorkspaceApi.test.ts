import { describe, expect, it } from "vitest";
import type { Drawing_Api_Backend } from "../../clients/api-types-generated";
import { simulatedWorkspaceApi } from "./simulatedWorkspaceApi";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

const api = () =>
  simulatedWorkspaceApi(
    memoryStorage(),
    () => "alice",
    () => 1_700_000_000_000,
  );

const level = (id: string, price = 100): Drawing_Api_Backend => ({
  id,
  kind: "horizontal",
  points: [{ time: 1_700_000_000, price }],
});
const trend = (id: string): Drawing_Api_Backend => ({
  id,
  kind: "trend",
  points: [
    { time: 1_700_000_000, price: 100 },
    { time: 1_700_003_600, price: 110 },
  ],
});

/** The refusal a call ends in, as the terminal reads it. */
async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { status: number; code: string; field?: string; message: string };
  expect(error, "expected a refusal").toBeDefined();
  return {
    status: error.status,
    code: error.code,
    field: error.field,
    message: error.message,
  };
}

describe("simulated watchlists, as the server keeps them", () => {
  it("trims names, respells symbols as the datafeed lists them, and gives random wl- ids", async () => {
    const ws = api();
    const [main] = await ws.watchlists();
    const created = await ws.createWatchlist({
      name: "  Tech  ",
      symbols: ["NASDAQ:AAPL", "msft"],
    });
    expect(created).toMatchObject({ name: "Tech", symbols: ["AAPL", "MSFT"] });
    for (const id of [main?.id, created.id])
      expect(id).toMatch(/^wl-[A-Za-z0-9_-]{22}$/);
    expect(created.id).not.toBe(main?.id);
    const replaced = await ws.replaceWatchlist(created.id, {
      name: " Coins",
      symbols: ["BTCUSD"],
    });
    expect(replaced).toMatchObject({ name: "Coins", symbols: ["BTCUSD"] });
  });

  it("refuses an unknown symbol with 400 UNKNOWN_SYMBOL naming symbols.N, and changes nothing", async () => {
    const ws = api();
    const before = await ws.watchlists();
    expect(
      await refusal(
        ws.createWatchlist({ name: "Bad", symbols: ["AAPL", "NOPE"] }),
      ),
    ).toEqual({
      status: 400,
      code: "UNKNOWN_SYMBOL",
      field: "symbols.1",
      message: 'unknown symbol "NOPE"',
    });
    expect(
      await refusal(
        ws.replaceWatchlist(before[0]?.id ?? "", {
          name: "Main",
          symbols: ["NYSE:AAPL"],
        }),
      ),
    ).toMatchObject({ code: "UNKNOWN_SYMBOL", field: "symbols.0" });
    expect(await ws.watchlists()).toEqual(before);
  });

  it("refuses a symbol twice, by either spelling", async () => {
    const ws = api();
    expect(
      await refusal(
        ws.createWatchlist({ name: "x", symbols: ["AAPL", "NASDAQ:AAPL"] }),
      ),
    ).toEqual({
      status: 400,
      code: "INVALID_PARAMS",
      field: "symbols.1",
      message: "symbols.1: AAPL is already in the list",
    });
    expect(
      await refusal(
        ws.createWatchlist({ name: "x", symbols: ["AAPL", "AAPL"] }),
      ),
    ).toEqual({
      status: 400,
      code: "INVALID_PARAMS",
      field: "symbols",
      message:
        "symbols must NOT have duplicate items (items ## 1 and 0 are identical)",
    });
  });

  it("refuses names and symbol lists outside the schema, naming the field", async () => {
    const ws = api();
    const [main] = await ws.watchlists();
    const cases: [unknown, string, string][] = [
      [
        { name: "", symbols: [] },
        "name",
        "name must NOT have fewer than 1 characters",
      ],
      [{ name: "   ", symbols: [] }, "name", 'name must match pattern "\\S"'],
      [
        { name: "x".repeat(41), symbols: [] },
        "name",
        "name must NOT have more than 40 characters",
      ],
      [
        { name: "a\u0000b", symbols: [] },
        "name",
        "name must not contain a NUL character",
      ],
      [{ symbols: [] }, "name", "name is required"],
      [
        { name: "x", symbols: Array.from({ length: 201 }, (_, i) => `S${i}`) },
        "symbols",
        "symbols must NOT have more than 200 items",
      ],
      [{ name: "x", symbols: [1] }, "symbols.0", "symbols.0 must be string"],
      [{ name: "x", symbols: [], id: "mine" }, "id", "id is not a known field"],
    ];
    for (const [input, field, message] of cases)
      for (const call of [
        ws.createWatchlist(input as never),
        ws.replaceWatchlist(main?.id ?? "", input as never),
      ])
        expect(await refusal(call), JSON.stringify(input)).toEqual({
          status: 400,
          code: "INVALID_PARAMS",
          field,
          message,
        });
    expect(await ws.watchlists()).toEqual([main]);
    expect(
      (await ws.createWatchlist({ name: "x".repeat(40), symbols: [] })).name,
    ).toHaveLength(40);
  });

  it("answers 404 for a missing list only once the body is valid, and keeps the 20-list cap", async () => {
    const ws = api();
    expect(
      await refusal(ws.replaceWatchlist("wl-gone", { name: "x", symbols: [] })),
    ).toEqual({
      status: 404,
      code: "NOT_FOUND",
      field: undefined,
      message: "no watchlist wl-gone",
    });
    expect(
      await refusal(ws.replaceWatchlist("wl-gone", { name: "", symbols: [] })),
    ).toMatchObject({ status: 400, field: "name" });
    await ws.watchlists();
    for (let i = 1; i < 20; i++)
      await ws.createWatchlist({ name: `L${i}`, symbols: [] });
    expect(
      await refusal(ws.createWatchlist({ name: "L20", symbols: [] })),
    ).toMatchObject({
      status: 409,
      code: "WATCHLIST_LIMIT",
      message: "at most 20 watchlists; delete one first",
    });
  });
});

describe("simulated drawings, as the server keeps them", () => {
  it("stores a chart's lines under the datafeed's spelling", async () => {
    const ws = api();
    expect(
      await ws.replaceDrawings("NASDAQ:AAPL", [level("a"), trend("b")]),
    ).toHaveLength(2);
    expect(await ws.drawings("AAPL")).toEqual([level("a"), trend("b")]);
  });

  it("refuses the wrong number of points and repeated ids with INVALID_PARAMS naming drawings", async () => {
    const ws = api();
    await ws.replaceDrawings("MSFT", [level("keep")]);
    const cases: [Drawing_Api_Backend[], string][] = [
      [
        [{ ...level("h"), points: trend("t").points }],
        "drawings.0: a horizontal line has exactly 1 point",
      ],
      [
        [level("ok"), { ...trend("t"), points: level("x").points }],
        "drawings.1: a trend line has exactly 2 points",
      ],
      [[level("same"), trend("same")], "drawings.1: the id same is used twice"],
    ];
    for (const [drawings, message] of cases)
      expect(await refusal(ws.replaceDrawings("MSFT", drawings))).toEqual({
        status: 400,
        code: "INVALID_PARAMS",
        field: "drawings",
        message,
      });
    expect(await ws.drawings("MSFT")).toEqual([level("keep")]);
  });

  it("holds 100 drawings a chart and refuses the 101st", async () => {
    const ws = api();
    const hundred = Array.from({ length: 100 }, (_, i) => level(`h${i}`));
    await ws.replaceDrawings("BTCUSD", hundred);
    expect(
      await refusal(ws.replaceDrawings("BTCUSD", [...hundred, level("h100")])),
    ).toEqual({
      status: 400,
      code: "INVALID_PARAMS",
      field: "drawings",
      message: "drawings must NOT have more than 100 items",
    });
    expect(await ws.drawings("BTCUSD")).toHaveLength(100);
  });

  it("refuses malformed drawings naming the field", async () => {
    const ws = api();
    const cases: [unknown, string][] = [
      [{ ...level("a"), kind: "ray" }, "drawings.0.kind"],
      [{ ...level("a"), label: "x" }, "drawings.0.label"],
      [level("a b"), "drawings.0.id"],
      [level("a", 2e9), "drawings.0.points.0.price"],
      [{ ...level("a"), points: [] }, "drawings.0.points"],
      [
        { ...level("a"), points: [{ time: 1.5, price: 1 }] },
        "drawings.0.points.0.time",
      ],
      [{ ...level("a"), color: "red" }, "drawings.0.color"],
    ];
    for (const [drawing, field] of cases)
      expect(
        await refusal(ws.replaceDrawings("MSFT", [drawing as never])),
      ).toMatchObject({ status: 400, code: "INVALID_PARAMS", field });
    expect(await ws.drawings("MSFT")).toEqual([]);
  });

  it("refuses a symbol the datafeed does not list with UNKNOWN_SYMBOL naming symbol", async () => {
    const ws = api();
    for (const call of [
      ws.drawings("NOPE"),
      ws.replaceDrawings("NOPE", [level("a")]),
    ])
      expect(await refusal(call)).toEqual({
        status: 400,
        code: "UNKNOWN_SYMBOL",
        field: "symbol",
        message: 'unknown symbol "NOPE"',
      });
    expect(await refusal(ws.drawings("bad symbol"))).toMatchObject({
      code: "INVALID_PARAMS",
      field: "symbol",
    });
  });
});

describe("simulated settings and list ids, as the server checks them", () => {
  it("refuses settings outside the schema, naming the field, and keeps the stored ones", async () => {
    const ws = api();
    const saved = await ws.replaceSettings({ theme: "light" } as never);
    const cases: [unknown, string, string][] = [
      [
        { theme: "pink" },
        "theme",
        "theme must be equal to one of the allowed values",
      ],
      [
        { defaultNotional: 0 },
        "defaultNotional",
        "defaultNotional must be > 0",
      ],
      [{ colour: "red" }, "colour", "colour is not a known field"],
      [
        { quantities: { "bad key": 1 } },
        "quantities",
        'quantities has a key "bad key" that must match pattern "^[A-Za-z0-9][A-Za-z0-9._:/!-]*$"',
      ],
      [
        { quantities: { AAPL: -1 } },
        "quantities.AAPL",
        "quantities.AAPL must be > 0",
      ],
      [
        {
          quantities: Object.fromEntries(
            Array.from({ length: 501 }, (_, i) => [`S${i}`, 1]),
          ),
        },
        "quantities",
        "quantities must NOT have more than 500 properties",
      ],
      [
        { panels: { watchlistWidth: 10 } },
        "panels.watchlistWidth",
        "panels.watchlistWidth must be >= 160",
      ],
      [
        { activeWatchlist: "x".repeat(65) },
        "activeWatchlist",
        "activeWatchlist must NOT have more than 64 characters",
      ],
    ];
    for (const [input, field, message] of cases)
      expect(
        await refusal(ws.replaceSettings(input as never)),
        JSON.stringify(input).slice(0, 60),
      ).toEqual({ status: 400, code: "INVALID_PARAMS", field, message });
    expect(await ws.settings()).toEqual(saved);
  });

  it("refuses a list id longer than the spec's 64 characters naming id", async () => {
    const ws = api();
    const long = "x".repeat(65);
    for (const call of [
      ws.deleteWatchlist(long),
      ws.replaceWatchlist(long, { name: "x", symbols: [] }),
    ])
      expect(await refusal(call)).toEqual({
        status: 400,
        code: "INVALID_PARAMS",
        field: "id",
        message: "id must NOT have more than 64 characters",
      });
  });
});
