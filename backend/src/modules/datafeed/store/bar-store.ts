import { MINUTE_MS } from "@tradewire/client";
import { sql } from "kysely";
import {
  readBinaryCopy,
  sqlInteger,
  sqlLiteral,
  type BinaryColumn,
} from "../../../db/binary-copy";
import type { Database } from "../../../db/database";

/** A persisted 1-minute bar; `time` is the bar's opening time in UTC epoch milliseconds. */
export interface StoredBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly vwap: number;
  readonly trades: number;
}

export interface LastBar {
  readonly time: number;
  readonly close: number;
}

const BULK_CHUNK = 20_000;
/** A bar's columns, in table order; a row adds the symbol in front. */
const BAR_COLUMNS = [
  "minute",
  "open",
  "high",
  "low",
  "close",
  "volume",
  "vwap",
  "trades",
] as const;
const COLUMNS = ["symbol", ...BAR_COLUMNS] as const;
/** BAR_COLUMNS' types, as binary COPY sends them. */
const BAR_TYPES: readonly BinaryColumn[] = [
  "int4",
  "float8",
  "float8",
  "float8",
  "float8",
  "float8",
  "float8",
  "int4",
];

/** The 1-minute base bars and the symbol catalog, on whichever engine the app runs. */
export class BarStore {
  constructor(private readonly database: Database) {}

  async upsertSymbols(
    symbols: readonly { ticker: string; info: unknown }[],
  ): Promise<void> {
    if (symbols.length === 0) return;
    await this.database.db
      .insertInto("symbols")
      .values(
        symbols.map((s) => ({
          ticker: s.ticker,
          info: JSON.stringify(s.info),
        })),
      )
      .onConflict((oc) =>
        oc
          .column("ticker")
          .doUpdateSet({ info: sql`excluded.info`, updated_at: sql`now()` }),
      )
      .execute();
  }

  /** Bulk load (backfill): bars must be newer than what is stored for the symbol. */
  async appendBulk(symbol: string, bars: readonly StoredBar[]): Promise<void> {
    for (let i = 0; i < bars.length; i += BULK_CHUNK) {
      const chunk = bars.slice(i, i + BULK_CHUNK);
      await this.database.copyRows(
        "bars_1m",
        COLUMNS,
        chunk.map((b) => [
          symbol,
          b.time / MINUTE_MS,
          b.open,
          b.high,
          b.low,
          b.close,
          b.volume,
          b.vwap,
          b.trades,
        ]),
      );
    }
  }

  /** Live bars as they close; a bar already stored (a replayed minute) is kept as it was. */
  async append(symbol: string, bars: readonly StoredBar[]): Promise<void> {
    if (bars.length === 0) return;
    await this.database.db
      .insertInto("bars_1m")
      .values(
        bars.map((b) => ({
          symbol,
          minute: b.time / MINUTE_MS,
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume,
          vwap: b.vwap,
          trades: b.trades,
        })),
      )
      .onConflict((oc) => oc.columns(["symbol", "minute"]).doNothing())
      .execute();
  }

  /** The newest stored bar of every symbol. */
  async lastBars(): Promise<Map<string, LastBar>> {
    const rows = await this.database.db
      .selectFrom("bars_1m as b")
      .innerJoin(
        (eb) =>
          eb
            .selectFrom("bars_1m")
            .select(["symbol"])
            .select((e) => e.fn.max("minute").as("minute"))
            .groupBy("symbol")
            .as("m"),
        (join) =>
          join
            .onRef("m.symbol", "=", "b.symbol")
            .onRef("m.minute", "=", "b.minute"),
      )
      .select(["b.symbol", "b.minute", "b.close"])
      .execute();
    return new Map(
      rows.map((r) => [
        r.symbol,
        { time: r.minute * MINUTE_MS, close: r.close },
      ]),
    );
  }

  /** Bars with fromMs <= time < toMs, ascending. */
  range(symbol: string, fromMs: number, toMs: number): Promise<StoredBar[]> {
    return this.read(
      `SELECT ${BAR_COLUMNS.join(", ")} FROM bars_1m WHERE symbol = ${sqlLiteral(symbol)}` +
        ` AND minute >= ${sqlInteger(Math.ceil(fromMs / MINUTE_MS))}` +
        ` AND minute < ${sqlInteger(Math.ceil(toMs / MINUTE_MS))} ORDER BY minute`,
    );
  }

  /** The `count` newest bars with time < beforeMs, ascending. */
  lastBefore(
    symbol: string,
    beforeMs: number,
    count: number,
  ): Promise<StoredBar[]> {
    return this.read(
      `SELECT * FROM (SELECT ${BAR_COLUMNS.join(", ")} FROM bars_1m WHERE symbol = ${sqlLiteral(symbol)}` +
        ` AND minute < ${sqlInteger(Math.ceil(beforeMs / MINUTE_MS))}` +
        ` ORDER BY minute DESC LIMIT ${sqlInteger(count)}) newest ORDER BY minute`,
    );
  }

  /** Time of the newest bar before `beforeMs`, or null when there is none. */
  async newestTimeBefore(
    symbol: string,
    beforeMs: number,
  ): Promise<number | null> {
    const row = await this.database.db
      .selectFrom("bars_1m")
      .select((eb) => eb.fn.max("minute").as("minute"))
      .where("symbol", "=", symbol)
      .where("minute", "<", Math.ceil(beforeMs / MINUTE_MS))
      .executeTakeFirst();
    return row?.minute == null ? null : row.minute * MINUTE_MS;
  }

  /** Time of the oldest stored bar, or null when there is none. */
  async oldestTime(symbol: string): Promise<number | null> {
    const row = await this.database.db
      .selectFrom("bars_1m")
      .select((eb) => eb.fn.min("minute").as("minute"))
      .where("symbol", "=", symbol)
      .executeTakeFirst();
    return row?.minute == null ? null : row.minute * MINUTE_MS;
  }

  private async read(select: string): Promise<StoredBar[]> {
    return barsOf(await this.database.copyOutBinary(select));
  }
}

/**
 * History reads go through binary COPY: a plain query of 10k bars spends most of its time
 * formatting numbers as text on the server and parsing them on the client.
 */
function barsOf(copy: Buffer): StoredBar[] {
  const [minute, open, high, low, close, volume, vwap, trades] = readBinaryCopy(
    copy,
    BAR_TYPES,
  ) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const bars = new Array<StoredBar>(minute.length);
  for (let i = 0; i < minute.length; i++) {
    bars[i] = {
      time: (minute[i] as number) * MINUTE_MS,
      open: open[i] as number,
      high: high[i] as number,
      low: low[i] as number,
      close: close[i] as number,
      volume: volume[i] as number,
      vwap: vwap[i] as number,
      trades: trades[i] as number,
    };
  }
  return bars;
}
