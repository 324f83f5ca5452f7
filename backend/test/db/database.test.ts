import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import {
  readBinaryCopy,
  sqlInteger,
  sqlLiteral,
} from "../../src/db/binary-copy";
import { testDatabases } from "../support/databases";

/** Every column of a bars_1m row, in table order. */
const BAR_ROW = [
  "symbol",
  "minute",
  "open",
  "high",
  "low",
  "close",
  "volume",
  "vwap",
  "trades",
];

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
    await first.copyRows("bars_1m", BAR_ROW, rows);
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

  it("reads a range through binary COPY exactly as stored, with literals that need escaping", async () => {
    const database = await engine.open();
    const symbols = ["O'QUOTE\\X", "PLAIN"];
    const values = [0, -1.5, 1e-9, 123456.789012345, Number.MAX_VALUE, -0.1];
    await database.copyRows(
      "bars_1m",
      BAR_ROW,
      symbols.flatMap((symbol, s) =>
        values.map((v, i) => [
          symbol,
          2_000_000 + i,
          v,
          v + 1,
          v - 1,
          v,
          s,
          v,
          -i,
        ]),
      ),
    );
    const read = async (select: string) =>
      readBinaryCopy(await database.copyOutBinary(select), [
        "int4",
        "float8",
        "float8",
        "int4",
      ]);
    const where = (symbol: string) =>
      `FROM bars_1m WHERE symbol = ${sqlLiteral(symbol)} AND minute >= ${sqlInteger(2_000_001)}`;
    const [minute, open, volume, trades] = await read(
      `SELECT minute, open, volume, trades ${where(symbols[0] as string)} ORDER BY minute`,
    );
    expect(Array.from(minute as Float64Array)).toEqual(
      [1, 2, 3, 4, 5].map((i) => 2_000_000 + i),
    );
    expect(Array.from(open as Float64Array)).toEqual(values.slice(1));
    expect(Array.from(volume as Float64Array)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(trades as Float64Array)).toEqual([-1, -2, -3, -4, -5]);
    const none = await read(
      `SELECT minute, open, volume, trades ${where("MISSING")}`,
    );
    expect(none.map((c) => c.length)).toEqual([0, 0, 0, 0]);
    await database.close();
  });
});

describe("binary COPY reader", () => {
  const header = Buffer.from("PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0", "latin1");
  const trailer = Buffer.from([0xff, 0xff]);

  it("refuses what is not binary COPY, rows of other types, and nulls, instead of misreading them", () => {
    expect(() =>
      readBinaryCopy(Buffer.from("minute,open\n1,2\n"), ["int4"]),
    ).toThrow(/bad signature/);
    const int4Row = Buffer.from([0, 1, 0, 0, 0, 4, 0, 0, 0, 7]);
    expect(
      Array.from(
        readBinaryCopy(Buffer.concat([header, int4Row, trailer]), [
          "int4",
        ])[0] as Float64Array,
      ),
    ).toEqual([7]);
    expect(() =>
      readBinaryCopy(Buffer.concat([header, int4Row, trailer]), ["float8"]),
    ).toThrow(/whole rows/);
    const nullRow = Buffer.from([0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(() =>
      readBinaryCopy(Buffer.concat([header, nullRow, trailer]), ["int4"]),
    ).toThrow(/non-null int4/);
  });

  it("builds literals that cannot end the statement early", () => {
    expect(sqlLiteral("a'b\\c")).toBe("E'a''b\\\\c'");
    expect(() => sqlLiteral("a\0b")).toThrow(/NUL/);
    expect(() => sqlInteger(1.5)).toThrow(/not an integer/);
    expect(() => sqlInteger(Number.NaN)).toThrow(/not an integer/);
  });
});

describe.each(testDatabases().filter((e) => e.name === "postgres"))(
  "two Tradewire schemas in one PostgreSQL database",
  (engine) => {
    const other = testDatabases().find((e) => e.name === "postgres");
    afterAll(async () => {
      await engine.dispose();
      await other?.dispose();
    });

    it("migrate independently: Kysely's tables in one schema do not hide the other's", async () => {
      if (!other) throw new Error("no second PostgreSQL schema");
      // Without naming its schema, the migrator finds the first schema's kysely_migration_lock
      // and then cannot read it through the second one's search_path.
      const first = await other.open();
      const second = await engine.open();
      await second.close();
      const reopened = await engine.open();
      expect(
        (await reopened.db.selectFrom("users").select("id").execute()).length,
      ).toBe(0);
      await reopened.close();
      await first.close();
    });
  },
);
