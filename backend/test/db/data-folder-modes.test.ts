import { spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { specFetch } from "../support/openapi-conformance";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "../../src/main.ts");

/** Every folder and file under `root` (root included) with its permission bits. */
function modes(root: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (path: string) => {
    const stat = lstatSync(path);
    found.set(path.slice(root.length) || "/", stat.mode & 0o777);
    if (stat.isDirectory())
      for (const entry of readdirSync(path)) walk(join(path, entry));
  };
  walk(root);
  return found;
}

/** Loosen everything to 0777 / 0666, as a server started under umask 000 used to leave it. */
function loosen(root: string): void {
  for (const path of modes(root).keys()) {
    const full = join(root, path);
    chmodSync(full, lstatSync(full).isDirectory() ? 0o777 : 0o666);
  }
}

/**
 * Run the real server (src/main.ts) in a child started with umask 000, until it listens; then
 * log in (so the database writes) and stop it with SIGTERM.
 */
async function runServer(dataDir: string): Promise<void> {
  const child = spawn(
    "/bin/sh",
    ["-c", 'umask 000 && exec "$0" --import tsx "$1"', process.execPath, MAIN],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        JWT_SECRET: "",
        PORT: "0",
        HOST: "127.0.0.1",
        BACKFILL_DAYS: "0",
        LOG_LEVEL: "info",
        FRONTEND_DIST: join(dataDir, "no-terminal-here"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const address = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const found = /"address":"(http:\/\/[^"]+)"/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then((code) =>
      reject(
        new Error(`the server exited (${code}) before listening: ${stderr}`),
      ),
    );
  });
  const login = await specFetch(`${address}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "alice", password: "demo1234" }),
  });
  expect(login.status).toBe(200);
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
}

describe("the data folder", () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), "tw-modes-")), "data");

  it("is created owner-only, with everything in it, by a server started with umask 000", async () => {
    await runServer(dataDir);
    const found = modes(dataDir);
    expect(found.size).toBeGreaterThan(100);
    expect(found.get("/")).toBe(0o700);
    expect(found.get("/jwt-secret")).toBe(0o600);
    const open = [...found].filter(([, mode]) => (mode & 0o077) !== 0);
    expect(open).toEqual([]);
  });

  it("is tightened on the next start when an earlier run left it open", async () => {
    loosen(dataDir);
    writeFileSync(join(dataDir, "pglite", "left-behind"), "x", { mode: 0o666 });
    chmodSync(join(dataDir, "pglite", "left-behind"), 0o666);
    expect(
      [...modes(dataDir)].filter(([, mode]) => (mode & 0o077) !== 0).length,
    ).toBeGreaterThan(100);
    await runServer(dataDir);
    const open = [...modes(dataDir)].filter(([, mode]) => (mode & 0o077) !== 0);
    expect(open).toEqual([]);
  });
});
