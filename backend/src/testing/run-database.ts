import { randomBytes } from "node:crypto";
import pg from "pg";

export interface RunDatabase {
  /** The server's URL with this database's name as its path. */
  readonly url: string;
  /** Drop it, closing what is still connected (a SIGKILLed server's sessions may linger). */
  drop(): Promise<void>;
}

/**
 * `CREATE DATABASE <prefix>_<random>` on the PostgreSQL server `serverUrl` points at: a database
 * of its own for a run of real server processes, which each open their own connections to it.
 */
export async function createRunDatabase(
  serverUrl: string,
  prefix = "tw_cluster",
): Promise<RunDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
