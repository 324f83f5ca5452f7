import { spawn, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClientPackage, DIST } from "../scripts/build.js";

const CLIENTS = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(CLIENTS, "..");
const EXAMPLES = join(CLIENTS, "examples");
const require = createRequire(join(CLIENTS, "package.json"));

interface Run {
  code: number | null;
  output: string;
}

/** Run a command to its end; `output` is stdout and stderr interleaved. */
function run(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const child = spawn(process.execPath, args, {
    ...options,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) =>
    child.once("close", (code) => resolve({ code, output })),
  );
}

/**
 * A folder laid out as an outside program that installed the built package: its own
 * package.json, the example and its tsconfig, and node_modules where @tradewire/client is
 * clients/dist (whose own dependencies Node finds from its real path in the repository).
 */
function consumerFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "tw-client-consumer-"));
  writeFileSync(
    join(folder, "package.json"),
    JSON.stringify({ name: "quickstart", private: true, type: "module" }),
  );
  copyFileSync(join(EXAMPLES, "quickstart.ts"), join(folder, "quickstart.ts"));
  copyFileSync(join(EXAMPLES, "tsconfig.json"), join(folder, "tsconfig.json"));
  const modules = join(folder, "node_modules");
  mkdirSync(join(modules, "@tradewire"), { recursive: true });
  mkdirSync(join(modules, "@types"));
  symlinkSync(DIST, join(modules, "@tradewire", "client"), "dir");
  for (const name of ["ws", "@types/ws", "@types/node"])
    symlinkSync(
      dirname(require.resolve(`${name}/package.json`)),
      join(modules, name),
      "dir",
    );
  return folder;
}

/** The real server (backend/src/main.ts, embedded PGlite) on a free port; resolves its address. */
function startServer(): { child: ChildProcess; address: Promise<string> } {
  const dataDir = mkdtempSync(join(tmpdir(), "tw-quickstart-data-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(ROOT, "backend/src/main.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        REDIS_URL: "",
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
  let log = "";
  const address = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (c: Buffer) => {
      log += c.toString();
      const found = /"address":"(http:\/\/[^"]+)"/.exec(log);
      if (found?.[1]) resolve(found[1]);
    });
    child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) before listening: ${log}`)),
    );
  });
  return { child, address };
}

describe("clients/examples/quickstart.ts", () => {
  let server: ReturnType<typeof startServer>;
  let consumer: string;

  beforeAll(async () => {
    server = startServer();
    buildClientPackage();
    consumer = consumerFolder();
    const tsc = await run([
      require.resolve("typescript/bin/tsc"),
      "-p",
      consumer,
    ]);
    expect(tsc.output).toBe("");
    expect(tsc.code).toBe(0);
  });

  afterAll(async () => {
    if (!server || server.child.exitCode !== null) return;
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  });

  it("compiled against the built package, runs under plain node against a live server and sees its order filled", async () => {
    const url = await server.address;
    const example = await run([join(consumer, "dist", "quickstart.js")], {
      cwd: consumer,
      env: { ...process.env, TRADEWIRE_URL: url },
    });
    expect(example.output).toMatch(
      /^logged in as alice, account acc-alice-main$/m,
    );
    const orderId = /^placed order (\S+): buy 0\.01 BTCUSD at market$/m.exec(
      example.output,
    )?.[1];
    expect(orderId, example.output).toBeDefined();
    expect(example.output).toMatch(
      new RegExp(`^order ${orderId} filled: 0\\.01 BTCUSD at \\d`, "m"),
    );
    expect(example.output).toMatch(
      new RegExp(
        `^execution \\S+ \\(sequence \\d+\\) for order ${orderId}: 0\\.01 at \\d`,
        "m",
      ),
    );
    expect(example.output).toMatch(/^closed$/m);
    expect(example.code, example.output).toBe(0);
  });

  it("is what the README's client section shows, line for line", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## TypeScript client"));
    const excerpt = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const lines = excerpt
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const file = new Set(
      readFileSync(join(EXAMPLES, "quickstart.ts"), "utf8")
        .split("\n")
        .map((line) => line.trim()),
    );
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.filter((line) => !file.has(line))).toEqual([]);
  });
});
