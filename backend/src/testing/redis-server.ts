import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

const READY_LINE = /Ready to accept connections/;
const LOG_KEPT_CHARS = 16 * 1024;

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Whether the process runs now. */
  running(): boolean;
  /** Kill the process (SIGKILL: connections drop as in a crash); resolves once it has exited. */
  kill(): Promise<void>;
  /** Start it again on the same port (after `kill`); resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Everything the current process printed, for failure messages. */
  output(): string;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free again once returned). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string")
    throw new Error("no TCP port was assigned");
  return address.port;
}

/**
 * A private `redis-server` child process on a free port, in memory only (no RDB, no AOF), for
 * tests that cut a bus off its Redis (kill it, start it again on the same port) without touching
 * the shared server at REDIS_URL. Needs the `redis-server` binary on PATH. Kill it in `afterAll`.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = "";

  const launch = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      log = "";
      const proc = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1"]
          .concat(["--save", "", "--appendonly", "no"])
          .concat(["--loglevel", "notice"]),
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = proc;
      const append = (c: Buffer): void => {
        log = (log + c.toString()).slice(-LOG_KEPT_CHARS);
        if (READY_LINE.test(log)) resolve();
      };
      proc.stdout?.on("data", append);
      proc.stderr?.on("data", append);
      proc.once("error", reject);
      proc.once("exit", (code, signal) =>
        reject(
          new Error(
            `redis-server exited (${code ?? signal}) at start:\n${log}`,
          ),
        ),
      );
    });

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running: () => child !== null && child.exitCode === null && !child.killed,
    kill: async () => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) =>
        proc.once("exit", () => resolve()),
      );
      proc.kill("SIGKILL");
      await exited;
    },
    restart: launch,
    output: () => log,
  };
}
