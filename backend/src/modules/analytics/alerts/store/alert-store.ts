import type { AlertEvent } from "@tradewire/client";
import { sql } from "kysely";
import type { Database } from "../../../../db/database";
import type { Firing, StoredRule } from "../model";
import { eventFromText, ruleFromRow, ruleToRow } from "./rows";

/** Rules of one account a listing returns at most (the per-account limit is far below). */
const LIST_MAX = 100_000;

/** The alert tables: rules per account and the alerts they fired. */
export class AlertStore {
  constructor(private readonly database: Database) {}

  /** The account's rules other than deleted ones, newest first. */
  async rules(accountId: string): Promise<StoredRule[]> {
    const rows = await this.database.db
      .selectFrom("alert_rules")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("status", "!=", "deleted")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(LIST_MAX)
      .execute();
    return rows.map(ruleFromRow);
  }

  /** Every active rule of every account: what the evaluator arms at start. */
  async activeRules(): Promise<StoredRule[]> {
    const rows = await this.database.db
      .selectFrom("alert_rules")
      .selectAll()
      .where("status", "=", "active")
      .orderBy("created_at")
      .execute();
    return rows.map(ruleFromRow);
  }

  /** The account's rule, or null when it is missing, deleted or another account's. */
  async rule(accountId: string, id: string): Promise<StoredRule | null> {
    const row = await this.database.db
      .selectFrom("alert_rules")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", id)
      .where("status", "!=", "deleted")
      .executeTakeFirst();
    return row ? ruleFromRow(row) : null;
  }

  /** Rules of the account that count against its limit. */
  async countRules(accountId: string): Promise<number> {
    const row = await this.database.db
      .selectFrom("alert_rules")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("account_id", "=", accountId)
      .where("status", "!=", "deleted")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(stored: StoredRule): Promise<void> {
    await this.database.db
      .insertInto("alert_rules")
      .values(ruleToRow(stored))
      .execute();
  }

  /** Write the rule's new state (replace, delete, expire); false when it was deleted meanwhile. */
  async update(stored: StoredRule): Promise<boolean> {
    const row = ruleToRow(stored);
    const result = await this.database.db
      .updateTable("alert_rules")
      .set({
        name: row.name,
        condition: row.condition,
        repeat: row.repeat,
        cooldown_seconds: row.cooldown_seconds,
        expires_at: row.expires_at,
        status: row.status,
        version: row.version,
        fire_count: row.fire_count,
        last_fired_at: row.last_fired_at,
        updated_at: row.updated_at,
      })
      .where("id", "=", row.id)
      .where("account_id", "=", row.account_id)
      .where("status", "!=", "deleted")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Store one firing: the rule's new state and the event numbered after the account's last one,
   * together or not at all. Null when the rule is no longer active at that version (deleted,
   * replaced or expired meanwhile), so a stale firing is never stored.
   */
  async fire(firing: Firing): Promise<AlertEvent | null> {
    return this.database.db.transaction().execute(async (trx) => {
      const { rule } = firing;
      const updated = await trx
        .updateTable("alert_rules")
        .set({
          status: rule.status,
          fire_count: rule.fireCount,
          last_fired_at: rule.lastFiredAt ?? null,
          updated_at: rule.updatedAt,
        })
        .where("id", "=", rule.id)
        .where("account_id", "=", firing.accountId)
        .where("version", "=", firing.version)
        .where("status", "=", "active")
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return null;
      const last = await trx
        .selectFrom("alert_events")
        .select(sql<number | null>`max(sequence)`.as("last"))
        .where("account_id", "=", firing.accountId)
        .executeTakeFirst();
      const event: AlertEvent = {
        sequence: Number(last?.last ?? 0) + 1,
        ...firing.event,
      };
      await trx
        .insertInto("alert_events")
        .values({
          account_id: firing.accountId,
          sequence: event.sequence,
          alert_id: rule.id,
          event: JSON.stringify(event),
          fired_at: event.firedAt,
        })
        .execute();
      return event;
    });
  }

  /** Events of the account after `since`, oldest first: one replay page. */
  async eventsSince(
    accountId: string,
    since: number,
    limit: number,
  ): Promise<AlertEvent[]> {
    const rows = await this.database.db
      .selectFrom("alert_events")
      .select("event")
      .where("account_id", "=", accountId)
      .where("sequence", ">", since)
      .orderBy("sequence")
      .limit(limit)
      .execute();
    return rows.map((r) => eventFromText(r.event));
  }

  /** Events of the account before `before` (all when absent), newest first. */
  async eventsBefore(
    accountId: string,
    before: number | undefined,
    limit: number,
  ): Promise<AlertEvent[]> {
    let query = this.database.db
      .selectFrom("alert_events")
      .select("event")
      .where("account_id", "=", accountId);
    if (before !== undefined) query = query.where("sequence", "<", before);
    const rows = await query.orderBy("sequence", "desc").limit(limit).execute();
    return rows.map((r) => eventFromText(r.event));
  }

  /** Mark an active rule expired; false when it changed meanwhile (deleted, replaced, fired). */
  async expire(stored: StoredRule): Promise<boolean> {
    const result = await this.database.db
      .updateTable("alert_rules")
      .set({ status: "expired", updated_at: stored.rule.updatedAt })
      .where("id", "=", stored.rule.id)
      .where("account_id", "=", stored.accountId)
      .where("version", "=", stored.version)
      .where("status", "=", "active")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
