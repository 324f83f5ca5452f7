import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUTS } from "../src/generate";
import { editSpec, runCli, specFixture } from "./fixture";

describe("codegen CLI", () => {
  it("stops on an invalid AsyncAPI document with the file, line, JSON path and reason", () => {
    const root = specFixture();
    editSpec(root, "asyncapi.yaml", (t) =>
      t.replace(
        "  barsUpdate:\n    action: send\n",
        "  barsUpdate:\n    action: publish\n",
      ),
    );
    const run = runCli("--root", root);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /specs\/asyncapi\.yaml:\d+: at operations\.barsUpdate\.action: "action" property must be equal to one of the allowed values/,
    );
  });

  it("stops on an invalid OpenAPI document with the file, JSON path and reason", () => {
    const root = specFixture();
    editSpec(root, "openapi.yaml", (t) =>
      t.replace("operationId: getHealth", "operationId: 42"),
    );
    const run = runCli("--root", root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'specs/openapi.yaml: at paths["/health"].get.operationId: must be string',
    );
  });

  it("stops on a reference to a shared schema that does not exist", () => {
    const root = specFixture();
    editSpec(root, "openapi.yaml", (t) =>
      t.replace(
        '"./schemas/market.yaml#/Bar"',
        '"./schemas/market.yaml#/Candle"',
      ),
    );
    const run = runCli("--root", root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "schemas/market.yaml has no schema named Candle",
    );
  });

  it("--check passes on fresh output, then lists a hand-edited file and exits 1", () => {
    const root = specFixture();
    expect(runCli("--root", root).status).toBe(0);
    const fresh = runCli("--root", root, "--check");
    expect(fresh.stdout).toMatch(/generated files are current/);
    expect(fresh.status).toBe(0);

    appendFileSync(
      join(root, OUTPUTS.models),
      "export type HandWritten = 1;\n",
    );
    const stale = runCli("--root", root, "--check");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(`  ${OUTPUTS.models}`);
    expect(stale.stderr).not.toContain(OUTPUTS.routers);
    expect(readFileSync(join(root, OUTPUTS.models), "utf8")).toContain(
      "HandWritten",
    );
  });
});
