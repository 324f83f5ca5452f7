import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["codegen", "clients", "backend", "frontend"],
    globalSetup: ["./vitest.global-setup.ts"],
  },
});
