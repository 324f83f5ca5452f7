import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases";

describe.each(testDatabases())("database on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("migrates, bulk-loads with COPY, queries by range, and keeps everything across a reopen", async () => {
    const first = await engine.open();
    const rows = Array.from({ length: 5000 }, (_, i) => [
      "TEST",
      29_000_000 + i,
      100 + i,
      101 + i,
      99 + i,
      100.5 + i,
      10 * i,
      100.25 + i,
      i + 1,
    ]);
    await first.copyRows(
      "bars_1m",
      [
        "symbol",
        "minute",
        "open",
        "high",
        "low",
        "close",
        "volume",
        "vwap",
        "trades",
      ],
      rows,
    );
    await first.db
      .insertInto("symbols")
      .values({ ticker: 'Q"UOTE,D', info: JSON.stringify({ name: "quoted" }) })
      .execute();
    await first.close();

    const second = await engine.open();
    const range = await second.db
      .selectFrom("bars_1m")
      .selectAll()
      .where("symbol", "=", "TEST")
      .where("minute", ">=", 29_000_100)
      .where("minute", "<", 29_000_103)
      .orderBy("minute")
      .execute();
    expect(range).toEqual(
      [100, 101, 102].map((i) => ({
        symbol: "TEST",
        minute: 29_000_000 + i,
        open: 100 + i,
        high: 101 + i,
        low: 99 + i,
        close: 100.5 + i,
        volume: 10 * i,
        vwap: 100.25 + i,
        trades: i + 1,
      })),
    );
    const count = await second.db
      .selectFrom("bars_1m")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(5000);
    const symbol = await second.db
      .selectFrom("symbols")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(symbol.ticker).toBe('Q"UOTE,D');
    expect(symbol.info).toEqual({ name: "quoted" });
    await expect(
      second.db
        .insertInto("bars_1m")
        .values({
          symbol: "TEST",
          minute: 29_000_000,
          open: 1,
          high: 1,
          low: 1,
          close: 1,
          volume: 1,
          vwap: 1,
          trades: 1,
        })
        .execute(),
    ).rejects.toThrow(/duplicate key/);
    await second.close();
  });

  it("runs a transaction to the end before a concurrent query sees its writes", async () => {
    const database = await engine.open();
    const insert = database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("symbols")
        .values({ ticker: "TX1", info: "{}" })
        .execute();
      await trx
        .insertInto("symbols")
        .values({ ticker: "TX2", info: "{}" })
        .execute();
    });
    const failing = database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("symbols")
        .values({ ticker: "TX3", info: "{}" })
        .execute();
      throw new Error("abort");
    });
    await insert;
    await expect(failing).rejects.toThrow("abort");
    const tickers = (
      await database.db
        .selectFrom("symbols")
        .select("ticker")
        .where("ticker", "like", "TX%")
        .orderBy("ticker")
        .execute()
    ).map((r) => r.ticker);
    expect(tickers).toEqual(["TX1", "TX2"]);
    await database.close();
  });
});
