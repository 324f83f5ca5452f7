import { defineConfig } from "@playwright/test";
import {
  CHROMIUM,
  SMOKE_BACKFILL_DAYS,
  stackUnderTest,
} from "./support/environment";

const stack = stackUnderTest();

/**
 * The whole product in a real Chromium: `make dev` starts the stack exactly as a user would (a
 * fresh data folder and a free port per run), Playwright waits for /health and stops it after.
 */
export default defineConfig({
  testDir: "./specs",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Two cores: one browser and one server at a time, in file order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  outputDir: "test-results",
  use: {
    baseURL: stack.baseURL,
    viewport: { width: 1600, height: 900 },
    launchOptions: CHROMIUM,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "make -C .. dev",
    url: `${stack.baseURL}/health`,
    env: {
      PORT: String(stack.port),
      HOST: "127.0.0.1",
      DATA_DIR: stack.dataDir,
      BACKFILL_DAYS: SMOKE_BACKFILL_DAYS,
      LOG_LEVEL: "warn",
      // The embedded database in the fresh data folder, one instance on its own bus, even where CI
      // points DATABASE_URL at PostgreSQL and REDIS_URL at Redis (for the cluster scenario).
      DATABASE_URL: "",
      REDIS_URL: "",
      // Every scenario signs in from 127.0.0.1: more than the default 30 logins per address in 10
      // minutes. The limits themselves are tested in the backend suite (test/auth/login-limits).
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "1000",
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
