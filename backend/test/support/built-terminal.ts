import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";

/** A fresh folder laid out as the terminal's build leaves it: index.html and one asset. */
export function builtTerminal(): string {
  const dist = mkdtempSync(join(tmpdir(), "tw-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(
    join(dist, "index.html"),
    "<!doctype html><title>Tradewire</title>",
  );
  writeFileSync(join(dist, "assets", "app.js"), "console.log('terminal')");
  return dist;
}

/** The app with no modules, serving the terminal built in `dist` at the same origin. */
export function appServingTerminal(dist: string): Promise<TradewireApp> {
  return createApp({
    config: loadConfig({
      LOG_LEVEL: "silent",
      JWT_SECRET: "terminal-test-secret-0123456789abcdefghij",
    }),
    frontendDist: dist,
  });
}
