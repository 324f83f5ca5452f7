import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild } from "./child";

const MAIN = fileURLToPath(
  new URL("../../../backend/src/main.ts", import.meta.url),
);
const TSX = import.meta.resolve("tsx");

/** A free loopback port (closed again at once; the instance binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One real server (`backend/src/main.ts`, every module) in its own process, started as a member
 * of a cluster by its environment (REDIS_URL, DATABASE_URL, INSTANCE_ID).
 */
export class MainInstance {
  private stderr = "";

  private constructor(
    readonly instanceId: string,
    readonly port: number,
    readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => {
      // The last few kilobytes are enough to say why an instance did not come up.
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-4000);
    });
  }

  static async start(
    instanceId: string,
    env: NodeJS.ProcessEnv,
  ): Promise<MainInstance> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "tw-failover-"));
    const child = spawn(process.execPath, ["--import", TSX, MAIN], {
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        ...env,
        INSTANCE_ID: instanceId,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
      },
    });
    return new MainInstance(instanceId, port, child, dataDir);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The leader gauge: 1 or 0; null when the server does not answer or has no such gauge. */
  leader(): Promise<number | null> {
    return this.metric("tradewire_cluster_leader");
  }

  /** A metric of `/metrics`, summed over its labels; null when absent or the server is down. */
  async metric(name: string): Promise<number | null> {
    try {
      const response = await fetch(`${this.url}/metrics`, {
        signal: AbortSignal.timeout(1000),
      });
      const text = await response.text();
      const lines = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "gm");
      let total: number | null = null;
      for (const match of text.matchAll(lines))
        total = (total ?? 0) + Number(match[1]);
      return total;
    } catch {
      return null;
    }
  }

  /** Whether `/health/ready` answers 200. */
  async ready(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/health/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.text();
      return response.ok;
    } catch {
      return false;
    }
  }

  lastErrors(): string {
    return this.stderr.trim().split("\n").slice(-5).join(" | ");
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }

  /** SIGINT (no drain), then SIGKILL if it has not gone within the grace. */
  async stop(): Promise<void> {
    if (!this.exited) this.child.kill("SIGINT");
    await stopChild(this.child, 5000);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
