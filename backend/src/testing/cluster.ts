import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRunDatabase } from "./run-database";
import { spawnServer, type ServerProcess } from "./server-process";

export interface ClusterOptions {
  /** How many instances to start. */
  readonly instances: number;
  /** A PostgreSQL server (any database on it): the run gets a fresh database there. */
  readonly databaseUrl: string;
  /** The Redis the instances share; without it each instance runs on its own bus. */
  readonly redisUrl?: string;
  /** Variables for every instance (e.g. `LEADER_POLL_MS`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface Cluster {
  /** The database made for this run (dropped by `stop`). */
  readonly databaseUrl: string;
  /** `http://127.0.0.1:<port>` of each instance, by index; a restarted one keeps its port. */
  addresses(): string[];
  /** The INSTANCE_ID of instance `i`. */
  instanceId(i: number): string;
  /** Stop instance `i` with a signal (SIGKILL by default: a crash, nothing drained). */
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  /** Start instance `i` again (same port, data folder and id); resolves once it listens. */
  restart(i: number): Promise<string>;
  /** Every instance's recent output, labelled, for failure messages. */
  logs(): string;
  /** Stop every instance and drop the run's database. */
  stop(): Promise<void>;
}

/**
 * N real servers (`main.ts`, every module, each its own process) sharing one PostgreSQL database
 * made for the run and, when given, one Redis: what the scale-out claims are tested against.
 * Instance 0 starts first so that it alone migrates the empty database; the rest start together.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!Number.isInteger(options.instances) || options.instances < 1)
    throw new Error(
      `a cluster needs 1 or more instances, not ${options.instances}`,
    );
  const database = await createRunDatabase(options.databaseUrl);
  // One signing secret: a token issued by one instance must be accepted by every other.
  const jwtSecret = randomBytes(32).toString("hex");
  interface Member {
    readonly id: string;
    readonly dataDir: string;
    port: string;
    process: ServerProcess;
    address: string;
  }
  const members: Member[] = [];
  const launch = (m: Pick<Member, "id" | "dataDir" | "port">): ServerProcess =>
    spawnServer({
      dataDir: m.dataDir,
      services: {
        databaseUrl: database.url,
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      },
      instanceId: m.id,
      env: { JWT_SECRET: jwtSecret, PORT: m.port, ...options.env },
    });
  const start = async (i: number): Promise<void> => {
    const fresh = {
      id: `tw-${i}`,
      dataDir: join(mkdtempSync(join(tmpdir(), `tw-cluster-${i}-`)), "data"),
      port: "0",
    };
    const m: Member = { ...fresh, process: launch(fresh), address: "" };
    members[i] = m;
    m.address = await m.process.address;
    // A restart comes back on the same port, as a replaced instance behind a balancer would.
    m.port = new URL(m.address).port;
  };
  const logs = (): string =>
    members
      .map((m, i) => `--- instance ${i} (${m.id}) ---\n${m.process.output()}`)
      .join("\n");
  const stopAll = async (): Promise<void> => {
    await Promise.all(members.map((m) => m.process.stop()));
    await database.drop();
  };
  try {
    await start(0);
    await Promise.all(
      Array.from({ length: options.instances - 1 }, (_, k) => start(k + 1)),
    );
  } catch (err) {
    const output = logs();
    await stopAll();
    throw new Error(
      `cluster did not start: ${err instanceof Error ? err.message : String(err)}\n${output}`,
    );
  }
  const member = (i: number) => {
    const m = members[i];
    if (!m) throw new Error(`no instance ${i}`);
    return m;
  };
  return {
    databaseUrl: database.url,
    addresses: () => members.map((m) => m.address),
    instanceId: (i) => member(i).id,
    kill: async (i, signal = "SIGKILL") => {
      await member(i).process.kill(signal);
    },
    restart: async (i) => {
      const m = member(i);
      await m.process.stop();
      m.process = launch(m);
      m.address = await m.process.address;
      return m.address;
    },
    logs,
    stop: stopAll,
  };
}
