import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "codegen",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The CLI tests start Node several times; a loaded 2-core machine needs the headroom.
    testTimeout: 120_000,
  },
});
