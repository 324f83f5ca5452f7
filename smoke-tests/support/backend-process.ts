import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./environment";

export interface BackendProcess {
  readonly baseURL: string;
  /** SIGTERM (graceful: sockets closed with 1012) and wait for the process to exit. */
  stop(): Promise<void>;
}

/**
 * A second backend the test controls itself, for the restart scenario: the same command `make dev`
 * ends in, on its own port and data folder, serving the terminal built by the main stack.
 */
export async function startBackend(
  port: number,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<BackendProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "backend/src/main.ts")],
    {
      cwd: join(REPO_ROOT, "backend"),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        DATABASE_URL: "",
        REDIS_URL: "",
        SHUTDOWN_DRAIN_MS: "0",
        ...env,
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => resolve()),
  );
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `backend on ${port} exited with ${child.exitCode} before it was ready`,
      );
    try {
      if ((await fetch(`${baseURL}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`backend on ${port} did not answer /health within 120 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseURL,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
