import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnServer } from "../../src/testing";
import { specFetch } from "../support/openapi-conformance";

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
 * Run the real server in a child started with umask 000, until it listens; then log in (so the
 * database writes) and stop it with SIGTERM.
 */
async function runServer(dataDir: string): Promise<void> {
  const server = spawnServer({ dataDir, umask: "000" });
  const address = await server.address;
  const login = await specFetch(`${address}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "alice", password: "demo1234" }),
  });
  expect(login.status).toBe(200);
  expect(await server.stop()).toBe(0);
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
