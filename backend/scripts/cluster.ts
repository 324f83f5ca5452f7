// `make cluster`: N instances of the server on consecutive ports, sharing DATABASE_URL and
// REDIS_URL, behind a TCP balancer; Ctrl-C stops them all. For trying scale-out by hand (kill an
// instance by its pid and watch the others carry on), not for production.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { startTcpBalancer } from "../src/testing/tcp-balancer";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

function fail(message: string): never {
  process.stderr.write(`make cluster: ${message}\n`);
  process.exit(2);
}

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    fail(`${name} must be a port number`);
  return value;
}

const missing = ["DATABASE_URL", "REDIS_URL"].filter((v) => !process.env[v]);
if (missing.length > 0)
  fail(
    `needs ${missing.join(" and ")} (every instance shares one PostgreSQL and one Redis)`,
  );
const count = Number(process.env.N || 3);
if (!Number.isInteger(count) || count < 1 || count > 32)
  fail("N must be a whole number from 1 to 32");
const basePort = port("CLUSTER_PORT", 8000);
const balancerPort = port("BALANCER_PORT", 8080);
// One folder for all: instance 0 starts alone and writes the signing secret (when JWT_SECRET is
// unset) that the others then read, so a token from one instance is good on every other.
const dataDir = join(process.env.DATA_DIR || ".data", "cluster");

const children = new Map<number, ChildProcess>();
let stopping = false;

/** Start instance `i`; resolves once it listens, rejects if it exits first. */
function startInstance(i: number): Promise<void> {
  const id = `tw-${i}`;
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      PORT: String(basePort + i),
      INSTANCE_ID: id,
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: Ctrl-C reaches this script alone, which stops each instance once.
    detached: true,
  });
  children.set(i, child);
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        process.stdout.write(`[${id}] ${line}\n`);
        if (line.includes('"tradewire listening"')) resolve();
      });
    }
    child.once("exit", (code, signal) => {
      children.delete(i);
      if (!stopping)
        process.stdout.write(
          `[cluster] ${id} (pid ${child.pid}) exited (${signal ?? code})\n`,
        );
      reject(new Error(`${id} exited before listening`));
    });
  });
}

async function stopAll(signal: NodeJS.Signals): Promise<void> {
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill(signal);
        }),
    ),
  );
}

async function main(): Promise<void> {
  process.once(
    "SIGINT",
    () => void stopAll("SIGINT").then(() => process.exit(0)),
  );
  process.once(
    "SIGTERM",
    () => void stopAll("SIGTERM").then(() => process.exit(0)),
  );
  // Whatever ends this script, no instance outlives it.
  process.once("exit", () => {
    for (const child of children.values()) child.kill("SIGKILL");
  });
  // The first instance migrates the database alone; the rest then start together.
  await startInstance(0);
  await Promise.all(
    Array.from({ length: count - 1 }, (_, k) => startInstance(k + 1)),
  );
  const balancer = await startTcpBalancer({
    port: balancerPort,
    backends: Array.from(
      { length: count },
      (_, i) => `127.0.0.1:${basePort + i}`,
    ),
  });
  for (const [i, child] of children)
    process.stdout.write(
      `[cluster] tw-${i}: http://127.0.0.1:${basePort + i} (pid ${child.pid})\n`,
    );
  process.stdout.write(
    `[cluster] ${count} instances behind http://${balancer.address} (Ctrl-C stops all)\n`,
  );
}

main().catch(async (err: unknown) => {
  process.stderr.write(
    `make cluster: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  await stopAll("SIGTERM");
  process.exit(1);
});
