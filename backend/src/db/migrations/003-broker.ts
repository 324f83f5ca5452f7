import type { Kysely, Migration } from "kysely";

export const brokerTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("account_state")
      .addColumn("account_id", "text", (c) =>
        c.primaryKey().references("accounts.id"),
      )
      .addColumn("balance", "double precision", (c) => c.notNull())
      .addColumn("realized_pl", "double precision", (c) => c.notNull())
      .addColumn("execution_seq", "integer", (c) => c.notNull())
      .addColumn("order_seq", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("orders")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("client_order_id", "text")
      .addColumn("symbol", "text", (c) => c.notNull())
      .addColumn("type", "integer", (c) => c.notNull())
      .addColumn("side", "integer", (c) => c.notNull())
      .addColumn("qty", "double precision", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("limit_price", "double precision")
      .addColumn("stop_price", "double precision")
      .addColumn("stop_triggered", "boolean", (c) =>
        c.notNull().defaultTo(false),
      )
      .addColumn("filled_qty", "double precision", (c) => c.notNull())
      .addColumn("avg_price", "double precision")
      .addColumn("parent_id", "text")
      .addColumn("parent_type", "integer")
      .addColumn("take_profit", "double precision")
      .addColumn("stop_loss", "double precision")
      .addColumn("duration", "text", (c) => c.notNull())
      .addColumn("reject_code", "text")
      .addColumn("reject_reason", "text")
      .addColumn("create_time", "double precision", (c) => c.notNull())
      .addColumn("update_time", "double precision", (c) => c.notNull())
      .execute();
    // One order per client id and account: what makes placement idempotent.
    await db.schema
      .createIndex("orders_client_id_idx")
      .on("orders")
      .columns(["account_id", "client_order_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex("orders_account_status_idx")
      .on("orders")
      .columns(["account_id", "status"])
      .execute();
    await db.schema
      .createTable("executions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("sequence", "integer", (c) => c.notNull())
      .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
      .addColumn("symbol", "text", (c) => c.notNull())
      .addColumn("side", "integer", (c) => c.notNull())
      .addColumn("qty", "double precision", (c) => c.notNull())
      .addColumn("price", "double precision", (c) => c.notNull())
      .addColumn("commission", "double precision", (c) => c.notNull())
      .addColumn("time", "double precision", (c) => c.notNull())
      .addUniqueConstraint("executions_account_sequence", [
        "account_id",
        "sequence",
      ])
      .execute();
    await db.schema
      .createTable("positions")
      .addColumn("account_id", "text", (c) =>
        c.notNull().references("accounts.id"),
      )
      .addColumn("symbol", "text", (c) => c.notNull())
      .addColumn("net_qty", "double precision", (c) => c.notNull())
      .addColumn("avg_price", "double precision", (c) => c.notNull())
      .addColumn("realized_pl", "double precision", (c) => c.notNull())
      .addColumn("update_time", "double precision", (c) => c.notNull())
      .addPrimaryKeyConstraint("positions_pkey", ["account_id", "symbol"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["positions", "executions", "orders", "account_state"])
      await db.schema.dropTable(table).execute();
  },
};
