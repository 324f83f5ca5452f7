import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const LOG_KEPT_CHARS = 64 * 1024;

export interface ServerProcessOptions {
  /** The server's data folder (its embedded database, its signing secret). */
  readonly dataDir: string;
  /** Variables on top of the defaults below (e.g. `BACKFILL_DAYS`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Start the server under this umask (a shell sets it), to test what it does to its files. */
  readonly umask?: string;
  /**
   * Shared services for a cluster member: this PostgreSQL (and Redis, when given) instead of the
   * embedded database. Only the cluster harness passes them, with a database made for the run.
   */
  readonly services?: {
    readonly databaseUrl: string;
    readonly redisUrl?: string;
  };
  /** INSTANCE_ID: the name this instance goes by in logs, metrics and bus messages. */
  readonly instanceId?: string;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` once the server listens; rejects if it exits first. */
  readonly address: Promise<string>;
  /** Everything the server printed so far (its log), for failure messages. */
  output(): string;
  /** SIGTERM, then the exit code once it has stopped. */
  stop(): Promise<number | null>;
  /** Send a signal (SIGKILL for a crash), then the exit code (null when killed) once it is gone. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * The real server (`backend/src/main.ts`, every module) in a child process on a free port, with
 * its own data folder and embedded database: never the caller's `DATABASE_URL` or `REDIS_URL`,
 * so a test of the process cannot add tables to a shared database, unless `services` names them.
 */
export function spawnServer(options: ServerProcessOptions): ServerProcess {
  const env = {
    ...process.env,
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.services?.databaseUrl ?? "",
    REDIS_URL: options.services?.redisUrl ?? "",
    ...(options.instanceId ? { INSTANCE_ID: options.instanceId } : {}),
    JWT_SECRET: "",
    PORT: "0",
    HOST: "127.0.0.1",
    BACKFILL_DAYS: "0",
    LOG_LEVEL: "info",
    // Stopped by the test, not a load balancer: nothing to drain for.
    SHUTDOWN_DRAIN_MS: "0",
    FRONTEND_DIST: `${options.dataDir}/no-terminal-here`,
    ...options.env,
  };
  const child =
    options.umask === undefined
      ? spawn(process.execPath, ["--import", "tsx", MAIN], {
          env,
          stdio: ["ignore", "pipe", "pipe"],
        })
      : spawn(
          "/bin/sh",
          [
            "-c",
            `umask ${options.umask} && exec "$0" --import tsx "$1"`,
            process.execPath,
            MAIN,
          ],
          { env, stdio: ["ignore", "pipe", "pipe"] },
        );
  // The newest output only: a server under attack logs for as long as the test runs.
  let log = "";
  const append = (c: Buffer): void => {
    log = (log + c.toString()).slice(-LOG_KEPT_CHARS);
  };
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const address = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (c: Buffer) => {
      append(c);
      const found = /"address":"(http:\/\/[^"]+)"/.exec(log);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${log}`)),
    );
  });
  // A test that never awaits the address must not see an unhandled rejection at exit.
  address.catch(() => undefined);
  const kill = (signal: NodeJS.Signals): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null)
      child.kill(signal);
    return exited;
  };
  return {
    child,
    address,
    output: () => log,
    stop: () => kill("SIGTERM"),
    kill,
  };
}
