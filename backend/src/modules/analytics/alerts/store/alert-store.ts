import type { AlertEvent } from "@tradewire/client";
import { sql, type Transaction } from "kysely";
import type { Database } from "../../../../db/database";
import type { DatabaseSchema } from "../../../../db/schema";
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
    // By id alone, the primary key: ids are unique across accounts, and naming the account in
    // the query can make the planner scan the account's rules instead. Ownership is checked here.
    const row = await this.database.db
      .selectFrom("alert_rules")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && row.account_id === accountId && row.status !== "deleted"
      ? ruleFromRow(row)
      : null;
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

  /** The rule whatever its status or account (the leader reconciles what it heard from the bus). */
  async ruleById(id: string): Promise<StoredRule | null> {
    const row = await this.database.db
      .selectFrom("alert_rules")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? ruleFromRow(row) : null;
  }

  /** The sequence of the account's last event (0 when none): where a live cursor starts. */
  async lastSequence(accountId: string): Promise<number> {
    const row = await this.database.db
      .selectFrom("alert_events")
      .select(sql<number | null>`max(sequence)`.as("last"))
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return Number(row?.last ?? 0);
  }

  /**
   * Write the rule's new state (replace, delete) over `previous`, the state the caller read;
   * false when it changed meanwhile (deleted, replaced, fired or expired, possibly by another
   * instance). Keyed by id alone (see `rule`): the caller read the rule as its account's.
   */
  async update(stored: StoredRule, previous: StoredRule): Promise<boolean> {
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
      .where("status", "!=", "deleted")
      .where("status", "=", previous.rule.status)
      .where("version", "=", previous.version)
      .where("fire_count", "=", previous.rule.fireCount)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Store firings of one account together: each rule's new state and its event, numbered after
   * the account's last one, in one transaction. A firing whose rule is no longer active at that
   * version (deleted, replaced or expired meanwhile) is left out: null in its place.
   */
  async fire(
    accountId: string,
    firings: readonly Firing[],
  ): Promise<(AlertEvent | null)[]> {
    return this.database.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom("alert_events")
        .select(sql<number | null>`max(sequence)`.as("last"))
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      let sequence = Number(last?.last ?? 0);
      const stillActive = await markFired(trx, firings);
      const events = firings.map(({ rule, event }) =>
        stillActive.has(rule.id)
          ? ({ sequence: ++sequence, ...event } satisfies AlertEvent)
          : null,
      );
      const rows = events.flatMap((e) =>
        e
          ? [
              {
                account_id: accountId,
                sequence: e.sequence,
                alert_id: e.alertId,
                event: JSON.stringify(e),
                fired_at: e.firedAt,
              },
            ]
          : [],
      );
      if (rows.length > 0)
        await trx.insertInto("alert_events").values(rows).execute();
      return events;
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
      .where("version", "=", stored.version)
      .where("status", "=", "active")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/**
 * Write the fired rules' new state in one statement; answers the ids that were still active at
 * the version the firing saw. A rule fired twice in the batch is written once, as it is after
 * its last firing.
 */
async function markFired(
  trx: Transaction<DatabaseSchema>,
  firings: readonly Firing[],
): Promise<Set<string>> {
  const latest = new Map<string, Firing>();
  for (const firing of firings) latest.set(firing.rule.id, firing);
  const values = [...latest.values()].map(
    ({ rule, version }) =>
      sql`(${rule.id}, ${version}::integer, ${rule.status}, ${rule.fireCount}::integer, ${rule.lastFiredAt ?? null}::double precision, ${rule.updatedAt}::double precision)`,
  );
  const { rows } = await sql<{ id: string }>`
    UPDATE alert_rules AS r
    SET status = v.status, fire_count = v.fire_count, last_fired_at = v.last_fired_at,
        updated_at = v.updated_at
    FROM (VALUES ${sql.join(values)})
      AS v(id, version, status, fire_count, last_fired_at, updated_at)
    WHERE r.id = v.id AND r.version = v.version AND r.status = 'active'
    RETURNING r.id`.execute(trx);
  return new Set(rows.map((r) => r.id));
}
