import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `make terminal-timing`: the smoke harness, measuring the terminal's first candles. */
export default defineConfig({
  ...base,
  testDir: "./timing",
  reporter: [["list"]],
});
