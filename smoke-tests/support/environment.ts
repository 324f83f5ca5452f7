import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** A port nobody listens on right now (asked of the OS in a child, so config loading stays synchronous). */
export function freePort(): number {
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ],
    {
      encoding: "utf8",
    },
  );
  return Number(out.trim());
}

/** The same, asked in-process: for tests, which may await. */
export function freePortAsync(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(
          typeof address === "object" && address ? address.port : Number.NaN,
        ),
      );
    });
  });
}

export function freshDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `tradewire-smoke-${label}-`));
}

/**
 * The stack under test, fixed once in the runner's process: the config module is loaded again in
 * every worker, and the workers inherit these variables instead of picking new ones.
 */
export function stackUnderTest(): {
  port: number;
  baseURL: string;
  dataDir: string;
} {
  process.env.SMOKE_PORT ??= String(freePort());
  process.env.SMOKE_DATA_DIR ??= freshDataDir("main");
  const port = Number(process.env.SMOKE_PORT);
  return {
    port,
    baseURL: `http://127.0.0.1:${port}`,
    dataDir: process.env.SMOKE_DATA_DIR,
  };
}

/** Debian's chromium, driven headless; Playwright never downloads a browser here. */
export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** History is shorter than the 30-day default so the suite starts fast; everything else is as `make dev` runs. */
export const SMOKE_BACKFILL_DAYS = "5";
