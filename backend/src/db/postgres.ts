import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { finished, pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { toCsv, type Database } from "./database";
import type { DatabaseSchema } from "./schema";

/**
 * How long a query waits for a connection (a new one, or a free one from a full pool) before it
 * fails: short, so that while PostgreSQL is unreachable REST answers 503 at once instead of
 * holding requests until the client gives up.
 */
export const PG_CONNECT_TIMEOUT_MS = 3_000;

export interface PostgresOptions {
  /** Schema to work in (created when missing); tests use one per run to stay apart. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

/** PostgreSQL through a `pg` pool. */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    // Notice a silently dropped connection (a failed-over server) instead of waiting on it forever.
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that breaks (the server restarted, the network was cut) is an 'error' event
  // on the pool, which would end the process unheard; the pool has already dropped it, and the
  // next query opens a new one or reports the failure to its caller.
  pool.on("error", () => undefined);
  // Fail at start, with the server's message, rather than on the first query.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DatabaseSchema>({
    dialect: new PostgresDialect({ pool }),
  });
  return {
    kind: "postgres",
    db,
    ...(schema ? { schema } : {}),
    async copyRows(table, columns, rows) {
      if (rows.length === 0) return;
      const client = await pool.connect();
      try {
        const stream = client.query(
          copyFrom(
            `COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`,
          ),
        );
        await pipeline(Readable.from([toCsv(rows)]), stream);
      } finally {
        client.release();
      }
    },
    async copyOutBinary(select) {
      const client = await pool.connect();
      try {
        const chunks: Buffer[] = [];
        const stream = client.query(
          copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`),
        );
        // The stream yields one chunk per row: a plain listener costs far less than for-await.
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        await finished(stream);
        return Buffer.concat(chunks);
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
