import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import { parser } from "typescript-eslint";
import { describe, expect, it } from "vitest";
import boundaries from "../../../eslint-boundaries.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const linter = new Linter({ configType: "flat" });

/** The boundary messages `make lint` reports for one import written in the file at `path`. */
function lint(path: string, specifier: string): string[] {
  return linter
    .verify(
      `import { x } from "${specifier}";\nexport { x };\n`,
      [
        {
          files: ["**/*.ts"],
          languageOptions: { parser },
          plugins: { tradewire: boundaries },
          rules: { "tradewire/boundaries": "error" },
        },
      ],
      { filename: join(ROOT, path) },
    )
    .map((m) => m.message);
}

describe("the import boundaries make lint enforces", () => {
  it.each([
    [
      "backend/src/ws/socket.ts",
      "../modules/datafeed",
      "the realtime core (backend/src/ws) never imports a module",
    ],
    [
      "backend/src/modules/broker/rest/broker-routes.ts",
      "../../datafeed/symbol-catalog",
      "module 'broker' imports module 'datafeed'",
    ],
    [
      "backend/src/modules/datafeed/index.ts",
      "../../ws/gateway",
      "import the realtime core through its entry",
    ],
    [
      "backend/test/support/test-app.ts",
      "../../src/ws/ws-router",
      "import the realtime core through its entry",
    ],
    [
      "frontend/test/support/backend.ts",
      "../../../backend/src/app",
      "the frontend never imports backend sources",
    ],
    [
      "frontend/test/support/backend.ts",
      "@tradewire/backend/src/app",
      "through its package exports, not its sources",
    ],
    [
      "frontend/src/terminal.ts",
      "@tradewire/backend/testing",
      "the terminal never imports the backend",
    ],
    [
      "clients/src/index.ts",
      "@tradewire/backend",
      "the client package never imports the backend",
    ],
    [
      "codegen/src/generate.ts",
      "../../backend/src/ws/ws-router",
      "codegen never imports the realtime core",
    ],
    [
      "frontend/test/support/simulation.ts",
      "../../../clients/src/ws/testing/manual-clock",
      "import clients through its package (@tradewire/client)",
    ],
  ])("refuses, in %s, an import of %s", (path, specifier, message) => {
    const messages = lint(path, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ["backend/src/modules/broker/rest/broker-routes.ts", "../ws/channels"],
    ["backend/src/modules/broker/rest/broker-routes.ts", "../../../ws"],
    ["backend/src/modules/broker/index.ts", "../../contracts/market-data"],
    ["backend/src/modules/broker/index.ts", "../../auth/sessions"],
    ["backend/src/generated/ws-routers.ts", "../ws"],
    ["backend/src/ws/gateway.ts", "./ws-router"],
    ["backend/test/ws/replay.test.ts", "../../src/ws/replay"],
    ["frontend/test/support/backend.ts", "@tradewire/backend/testing"],
    ["frontend/src/terminal.test.ts", "@tradewire/client/testing"],
    ["bench/src/backend.ts", "@tradewire/backend"],
  ])("allows, in %s, an import of %s", (path, specifier) => {
    expect(lint(path, specifier)).toEqual([]);
  });
});
