import type { AlertEvent, AlertRule } from "@tradewire/client";
import type { Selectable } from "kysely";
import type { AlertRulesTable } from "../../../../db/schema";
import type { AlertCondition, StoredRule } from "../model";

/** A row as the store reads it back. */
export type RuleRow = Selectable<AlertRulesTable>;

export function ruleFromRow(row: RuleRow): StoredRule {
  const rule: AlertRule = {
    id: row.id,
    name: row.name,
    condition: JSON.parse(row.condition) as AlertCondition,
    repeat: row.repeat,
    cooldownSeconds: row.cooldown_seconds,
    status: row.status as AlertRule["status"],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    fireCount: row.fire_count,
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
    ...(row.last_fired_at !== null ? { lastFiredAt: row.last_fired_at } : {}),
  };
  return { accountId: row.account_id, version: row.version, rule };
}

export function ruleToRow(stored: StoredRule): RuleRow {
  const { rule } = stored;
  return {
    id: rule.id,
    account_id: stored.accountId,
    name: rule.name,
    condition: JSON.stringify(rule.condition),
    repeat: rule.repeat,
    cooldown_seconds: rule.cooldownSeconds,
    expires_at: rule.expiresAt ?? null,
    status: rule.status,
    version: stored.version,
    fire_count: rule.fireCount,
    last_fired_at: rule.lastFiredAt ?? null,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
  };
}

export const eventFromText = (text: string): AlertEvent =>
  JSON.parse(text) as AlertEvent;
