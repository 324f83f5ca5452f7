import type { Database } from "../../../db/database";
import type { RollFact, RollPolicy } from "./roll-adjustments";

/** Which roll schedule: a series under one policy (`rollDays` is 0 for `volume`). */
export interface RollKey {
  readonly series: string;
  readonly policy: RollPolicy;
  readonly rollDays: number;
}

/** Stored rolls of continuous series: once written, a roll never moves. */
export class RollStore {
  constructor(private readonly database: Database) {}

  async load(key: RollKey): Promise<RollFact[]> {
    const rows = await this.database.db
      .selectFrom("continuous_rolls")
      .selectAll()
      .where("series", "=", key.series)
      .where("policy", "=", key.policy)
      .where("roll_days", "=", key.rollDays)
      .orderBy("time")
      .execute();
    return rows.map((r) => ({
      time: r.time,
      tradingDay: r.trading_day,
      from: r.from_contract,
      to: r.to_contract,
      fromClose: r.from_close,
      toClose: r.to_close,
    }));
  }

  /** Add rolls; one already stored for the same time or contract (another instance's) wins. */
  async add(key: RollKey, facts: readonly RollFact[]): Promise<void> {
    if (facts.length === 0) return;
    await this.database.db
      .insertInto("continuous_rolls")
      .values(
        facts.map((f) => ({
          series: key.series,
          policy: key.policy,
          roll_days: key.rollDays,
          time: f.time,
          trading_day: f.tradingDay,
          from_contract: f.from,
          to_contract: f.to,
          from_close: f.fromClose,
          to_close: f.toClose,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
