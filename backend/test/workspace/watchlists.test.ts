import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

interface Watchlist {
  id: string;
  name: string;
  symbols: string[];
  createdAt: number;
  updatedAt: number;
}

const DEFAULT_SYMBOLS = [
  "AAPL",
  "MSFT",
  "NVDA",
  "TSLA",
  "EURUSD",
  "USDJPY",
  "BTCUSD",
  "ETHUSD",
];
const ID = /^wl-[A-Za-z0-9_-]{22}$/;

describe("named watchlists per user", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  const list = (token: string) =>
    t.request<Watchlist[]>("GET", "/api/v1/watchlists", { token });
  const create = (token: string, body: unknown) =>
    t.request<Watchlist>("POST", "/api/v1/watchlists", { token, body });
  const replace = (token: string, id: string, body: unknown) =>
    t.request<Watchlist>("PUT", `/api/v1/watchlists/${id}`, { token, body });
  const remove = (token: string, id: string) =>
    t.request("DELETE", `/api/v1/watchlists/${id}`, { token });
  /** A fresh user with no lists yet: bob after deleting his rows. */
  const reset = async (userId: string) => {
    await t.database.db
      .deleteFrom("watchlists")
      .where("user_id", "=", userId)
      .execute();
  };

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    [alice, bob] = await Promise.all([t.login("alice"), t.login("bob")]);
  });
  afterAll(() => t.close());

  it("gives a user who has none one list, Main, with the terminal's default symbols, once", async () => {
    const first = await list(alice);
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      {
        id: expect.stringMatching(ID) as string,
        name: "Main",
        symbols: DEFAULT_SYMBOLS,
        createdAt: WEDNESDAY_10AM_NY,
        updatedAt: WEDNESDAY_10AM_NY,
      },
    ]);
    expect((await list(alice)).body).toEqual(first.body);
  });

  it("creates Main once when many first reads arrive together", async () => {
    await reset("u-bob");
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => list(bob)),
    );
    const ids = new Set(answers.flatMap((a) => a.body.map((w) => w.id)));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.body.length === 1)).toBe(true);
  });

  it("creates, renames, reorders and deletes lists, kept in creation order", async () => {
    clock.advance(1000);
    const crypto = await create(alice, {
      name: "  Crypto ",
      symbols: ["ETHUSD", "BTCUSD"],
    });
    expect(crypto.status).toBe(201);
    expect(crypto.body).toEqual({
      id: expect.stringMatching(ID) as string,
      name: "Crypto",
      symbols: ["ETHUSD", "BTCUSD"],
      createdAt: WEDNESDAY_10AM_NY + 1000,
      updatedAt: WEDNESDAY_10AM_NY + 1000,
    });
    const empty = await create(alice, { name: "Empty", symbols: [] });
    expect(empty.status).toBe(201);
    expect((await list(alice)).body.map((w) => w.name)).toEqual([
      "Main",
      "Crypto",
      "Empty",
    ]);

    clock.advance(1000);
    const renamed = await replace(alice, crypto.body.id, {
      name: "Coins",
      symbols: ["BTCUSD", "NASDAQ:AAPL", "ETHUSD"],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      ...crypto.body,
      name: "Coins",
      symbols: ["BTCUSD", "AAPL", "ETHUSD"],
      updatedAt: WEDNESDAY_10AM_NY + 2000,
    });
    expect((await list(alice)).body[1]).toEqual(renamed.body);

    expect((await remove(alice, empty.body.id)).status).toBe(204);
    expect((await list(alice)).body.map((w) => w.name)).toEqual([
      "Main",
      "Coins",
    ]);
    expect((await remove(alice, empty.body.id)).status).toBe(404);
    expect(
      (await replace(alice, empty.body.id, { name: "x", symbols: [] })).status,
    ).toBe(404);
  });

  it("keeps the last list: deleting it answers 409 WATCHLIST_LIMIT", async () => {
    await reset("u-bob");
    const [only] = (await list(bob)).body;
    const res = await remove(bob, only?.id ?? "");
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "WATCHLIST_LIMIT" });
    expect((await list(bob)).body).toEqual([only]);
  });

  it("holds at most 20 lists a user, even when the last ones are sent together", async () => {
    await reset("u-bob");
    await list(bob);
    for (let i = 2; i <= 18; i++)
      expect((await create(bob, { name: `L${i}`, symbols: [] })).status).toBe(
        201,
      );
    const together = await Promise.all(
      [19, 20, 21].map((i) => create(bob, { name: `L${i}`, symbols: [] })),
    );
    expect(together.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    const refused = together.find((r) => r.status === 409);
    expect(refused?.body).toMatchObject({
      code: "WATCHLIST_LIMIT",
      message: "at most 20 watchlists; delete one first",
    });
    expect((await list(bob)).body).toHaveLength(20);
    expect((await create(bob, { name: "L22", symbols: [] })).status).toBe(409);
  });

  it("refuses symbols the datafeed does not list, or listed twice, naming the one", async () => {
    const unknown = await create(alice, {
      name: "Bad",
      symbols: ["AAPL", "NOPE"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      code: "UNKNOWN_SYMBOL",
      message: 'unknown symbol "NOPE"',
      field: "symbols.1",
    });
    const twice = await create(alice, {
      name: "Bad",
      symbols: ["AAPL", "NASDAQ:AAPL"],
    });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "symbols.1",
    });
    const repeated = await create(alice, {
      name: "Bad",
      symbols: ["AAPL", "AAPL"],
    });
    expect(repeated.body).toMatchObject({
      code: "INVALID_PARAMS",
      field: "symbols",
    });
    const [main] = (await list(alice)).body;
    const onReplace = await replace(alice, main?.id ?? "", {
      name: "Main",
      symbols: ["ZZZZ"],
    });
    expect(onReplace.body).toMatchObject({
      code: "UNKNOWN_SYMBOL",
      field: "symbols.0",
    });
    expect((await list(alice)).body.map((w) => w.name)).toEqual([
      "Main",
      "Coins",
    ]);
    expect((await list(alice)).body[0]).toEqual(main);
  });

  it("refuses malformed lists with 400 naming the field, and changes nothing", async () => {
    const before = (await list(alice)).body;
    const [main] = before;
    const id = main?.id ?? "";
    const cases: [unknown, string | undefined][] = [
      [{ name: "", symbols: [] }, "name"],
      [{ name: "   ", symbols: [] }, "name"],
      [{ name: "x".repeat(41), symbols: [] }, "name"],
      [{ name: "a\u0000b", symbols: [] }, "name"],
      [{ name: 5, symbols: [] }, "name"],
      [{ symbols: [] }, "name"],
      [{ name: "x" }, "symbols"],
      [{ name: "x", symbols: "AAPL" }, "symbols"],
      [{ name: "x", symbols: [1] }, "symbols.0"],
      [{ name: "x", symbols: ["bad symbol"] }, "symbols.0"],
      [
        { name: "x", symbols: Array.from({ length: 201 }, (_, i) => `S${i}`) },
        "symbols",
      ],
      [{ name: "x", symbols: [], id: "mine" }, "id"],
      [{ name: "x", symbols: [], createdAt: 1 }, "createdAt"],
      [null, undefined],
    ];
    for (const [body, field] of cases)
      for (const res of [
        await create(alice, body),
        await replace(alice, id, body),
      ]) {
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(res.body).toMatchObject({
          code: "INVALID_PARAMS",
          ...(field ? { field } : {}),
        });
      }
    const huge = { name: "x", symbols: [], pad: "y".repeat(1_100_000) };
    expect((await create(alice, huge)).status).toBe(413);
    expect((await replace(alice, id, huge)).status).toBe(413);
    const longId = await remove(alice, "x".repeat(65));
    expect(longId.status).toBe(400);
    expect(longId.body).toMatchObject({ code: "INVALID_PARAMS", field: "id" });
    expect((await list(alice)).body).toEqual(before);
  });

  it("keeps users apart: another user's list answers 404 as a missing one and is left as it was", async () => {
    const aliceLists = (await list(alice)).body;
    const [target] = aliceLists;
    const id = target?.id ?? "";
    const bobs = (await list(bob)).body;
    expect(bobs.map((w) => w.id)).not.toContain(id);
    const put = await replace(bob, id, { name: "Mine", symbols: [] });
    expect(put.status).toBe(404);
    expect(put.body).toMatchObject({
      code: "NOT_FOUND",
      message: `no watchlist ${id}`,
    });
    expect((await remove(bob, id)).status).toBe(404);
    expect((await list(alice)).body).toEqual(aliceLists);
    expect((await list(bob)).body).toEqual(bobs);
  });

  it("answers 401 without a valid token", async () => {
    const [main] = (await list(alice)).body;
    const id = main?.id ?? "";
    expect((await list("")).status).toBe(401);
    expect((await create("", { name: "x", symbols: [] })).status).toBe(401);
    expect((await replace("", id, { name: "x", symbols: [] })).status).toBe(
      401,
    );
    expect((await remove("garbage", id)).status).toBe(401);
    expect((await list(alice)).body[0]).toEqual(main);
  });
});
