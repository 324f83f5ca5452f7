import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "clients",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    // Starting a real app (PGlite, backfill, migrations) in beforeAll takes seconds, more on a busy machine.
    hookTimeout: 60_000,
  },
});
