import { afterAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { testDatabases } from "../support/databases";
import { startTradingApp } from "../support/trading-app";

interface Watchlist {
  id: string;
  name: string;
  symbols: string[];
}

describe.each(testDatabases())("the workspace on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("keeps settings, watchlists and drawings across a restart on the same database", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    let t = await startTradingApp({ clock, database: await engine.open() });
    let token = await t.login("alice");
    const settings = await t.request("PUT", "/api/v1/settings", {
      token,
      body: { theme: "light", quantities: { AAPL: 12 } },
    });
    expect(settings.status).toBe(200);
    await t.request("GET", "/api/v1/watchlists", { token });
    const fx = await t.request<Watchlist>("POST", "/api/v1/watchlists", {
      token,
      body: { name: "FX", symbols: ["EURUSD", "USDJPY"] },
    });
    expect(fx.status).toBe(201);
    const drawings = {
      drawings: [
        { id: "d1", kind: "horizontal", points: [{ time: 1, price: 2.5 }] },
      ],
    };
    expect(
      (
        await t.request("PUT", "/api/v1/drawings/ETHUSD", {
          token,
          body: drawings,
        })
      ).status,
    ).toBe(200);
    await t.close();

    t = await startTradingApp({ clock, database: await engine.open() });
    try {
      token = await t.login("alice");
      expect(
        (await t.request("GET", "/api/v1/settings", { token })).body,
      ).toEqual(settings.body);
      const lists = await t.request<Watchlist[]>("GET", "/api/v1/watchlists", {
        token,
      });
      expect(lists.body.map((w) => [w.name, w.symbols])).toEqual([
        ["Main", expect.arrayContaining(["AAPL"]) as unknown],
        ["FX", ["EURUSD", "USDJPY"]],
      ]);
      expect(lists.body[1]).toEqual(fx.body);
      expect(
        (await t.request("GET", "/api/v1/drawings/ETHUSD", { token })).body,
      ).toEqual(drawings);
    } finally {
      await t.close();
    }
  });

  it("removes a user's workspace with the user", async () => {
    const database = await engine.open();
    try {
      const { db } = database;
      await db
        .insertInto("users")
        .values({
          id: "u-gone",
          username: "gone",
          display_name: "Gone",
          password_hash: "x",
        })
        .execute();
      const at = { user_id: "u-gone", updated_at: 1 };
      await db
        .insertInto("user_settings")
        .values({ ...at, settings: "{}" })
        .execute();
      await db
        .insertInto("watchlists")
        .values({
          ...at,
          id: "wl-gone",
          name: "A",
          symbols: "[]",
          created_at: 1,
        })
        .execute();
      await db
        .insertInto("drawings")
        .values({ ...at, symbol: "AAPL", drawings: "[]" })
        .execute();
      await db.deleteFrom("users").where("id", "=", "u-gone").execute();
      for (const table of [
        "user_settings",
        "watchlists",
        "drawings",
      ] as const) {
        const rows = await db
          .selectFrom(table)
          .select("user_id")
          .where("user_id", "=", "u-gone")
          .execute();
        expect(rows, table).toEqual([]);
      }
    } finally {
      await database.close();
    }
  });

  it("answers 401 to the still-valid token of a user removed since, and stores nothing", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    const t = await startTradingApp({ clock, database: await engine.open() });
    try {
      const { token } = await t.app.auth.sign({
        userId: "u-removed",
        accountId: "acc-removed",
      });
      const line = {
        id: "a",
        kind: "horizontal",
        points: [{ time: 1, price: 1 }],
      };
      for (const [method, path, body] of [
        ["PUT", "/api/v1/settings", { theme: "light" }],
        ["PUT", "/api/v1/drawings/AAPL", { drawings: [line] }],
        ["GET", "/api/v1/watchlists", undefined],
        ["POST", "/api/v1/watchlists", { name: "x", symbols: [] }],
      ] as const) {
        const res = await t.request(method, path, { token, body });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body).toMatchObject({
          code: "UNAUTHORIZED",
          message: "the user no longer exists",
        });
      }
    } finally {
      await t.close();
    }
  });

  it("creates one Main and holds 20 lists however many requests arrive together", async () => {
    const clock = new ManualClock(WEDNESDAY_10AM_NY);
    const t = await startTradingApp({ clock, database: await engine.open() });
    try {
      const token = await t.login("bob");
      const list = () =>
        t.request<Watchlist[]>("GET", "/api/v1/watchlists", { token });
      const firsts = await Promise.all(Array.from({ length: 8 }, list));
      expect(new Set(firsts.flatMap((r) => r.body.map((w) => w.id))).size).toBe(
        1,
      );
      const created = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          t.request("POST", "/api/v1/watchlists", {
            token,
            body: { name: `L${i}`, symbols: [] },
          }),
        ),
      );
      const statuses = created.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(19);
      expect(statuses.filter((s) => s === 409)).toHaveLength(6);
      const lists = (await list()).body;
      expect(lists).toHaveLength(20);
      const deletes = await Promise.all(
        lists.map((w) =>
          t.request("DELETE", `/api/v1/watchlists/${w.id}`, { token }),
        ),
      );
      expect(deletes.filter((r) => r.status === 204)).toHaveLength(19);
      expect(deletes.filter((r) => r.status === 409)).toHaveLength(1);
      expect((await list()).body).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
