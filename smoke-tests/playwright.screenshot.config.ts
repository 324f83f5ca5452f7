import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/** `make screenshot`: the smoke harness, driving one scene into docs/terminal.png. */
export default defineConfig({
  ...base,
  testDir: "./screenshot",
  reporter: [["list"]],
});
