import { sql, type Kysely, type Migration } from "kysely";

/**
 * A double precision value that is a real number. In PostgreSQL NaN sorts above every number and
 * equals itself, so `x > 0` holds for NaN: it has to be excluded by name (`isfinite` has no
 * double precision variant on PostgreSQL 15).
 */
function finite(column: string): string {
  return `(${column} <> 'NaN'::float8 AND ${column} <> 'Infinity'::float8 AND ${column} <> '-Infinity'::float8)`;
}

function positive(column: string): string {
  return `(${finite(column)} AND ${column} > 0)`;
}

function absentOrPositive(column: string): string {
  return `(${column} IS NULL OR ${positive(column)})`;
}

/** [table, constraint, condition]: the broker's numbers, checked by the database as the last line. */
const CHECKS: readonly (readonly [string, string, string])[] = [
  ["orders", "orders_qty_valid", positive("qty")],
  [
    "orders",
    "orders_filled_qty_valid",
    `(${finite("filled_qty")} AND filled_qty >= 0 AND filled_qty <= qty)`,
  ],
  ["orders", "orders_limit_price_valid", absentOrPositive("limit_price")],
  ["orders", "orders_stop_price_valid", absentOrPositive("stop_price")],
  ["orders", "orders_avg_price_valid", absentOrPositive("avg_price")],
  ["orders", "orders_take_profit_valid", absentOrPositive("take_profit")],
  ["orders", "orders_stop_loss_valid", absentOrPositive("stop_loss")],
  [
    "orders",
    "orders_times_valid",
    `(${finite("create_time")} AND ${finite("update_time")})`,
  ],
  ["executions", "executions_qty_valid", positive("qty")],
  ["executions", "executions_price_valid", positive("price")],
  [
    "executions",
    "executions_commission_valid",
    `(${finite("commission")} AND commission >= 0)`,
  ],
  ["executions", "executions_time_valid", finite("time")],
  [
    "positions",
    "positions_values_valid",
    `(${finite("net_qty")} AND ${finite("avg_price")} AND ${finite("realized_pl")} AND ${finite("update_time")} AND avg_price >= 0 AND (net_qty = 0 OR avg_price > 0))`,
  ],
  [
    "account_state",
    "account_state_values_valid",
    `(${finite("balance")} AND ${finite("realized_pl")})`,
  ],
];

/**
 * Broker invariants in the schema: every quantity, price and balance a real, positive number where
 * it must be. The constraints are added NOT VALID: they hold for every row written from now on,
 * and a database that an older version already wrote NaN into still migrates (such rows can be
 * read, but no longer written back as they are). Also keeps the request of orders placed with a
 * client order id, so a retry can be told from a reuse of the id.
 */
export const brokerInvariants: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("orders")
      .addColumn("client_request", "text")
      .execute();
    for (const [table, name, condition] of CHECKS)
      await sql
        .raw(
          `ALTER TABLE ${table} ADD CONSTRAINT ${name} CHECK ${condition} NOT VALID`,
        )
        .execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const [table, name] of CHECKS)
      await sql
        .raw(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name}`)
        .execute(db);
    await db.schema.alterTable("orders").dropColumn("client_request").execute();
  },
};
