import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generate } from "./generate";
import { staleFiles, writeFiles } from "./output";
import { SpecError } from "./spec-error";

const USAGE = `Usage: npm run codegen [-- --check] [-- --root <dir>]
  --check   regenerate in memory and exit 1 listing every generated file that is stale or missing
  --root    repository root holding specs/ (default: the current directory)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      root: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const root = resolve(values.root ?? process.cwd());
  const started = performance.now();
  const files = await generate({ root });
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    const stale = staleFiles(root, files);
    if (stale.length > 0) {
      process.stderr.write(
        `codegen --check: ${stale.length} generated file(s) are stale; run \`npm run codegen\` and commit:\n${stale.map((s) => `  ${s}`).join("\n")}\n`,
      );
      return 1;
    }
    process.stdout.write(
      `codegen --check: ${files.size} generated files are current (${ms} ms)\n`,
    );
    return 0;
  }
  const written = writeFiles(root, files);
  process.stdout.write(
    `codegen: ${files.size} files, ${written.length} written (${ms} ms)\n${written.map((w) => `  ${w}\n`).join("")}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SpecError) {
      process.stderr.write(`codegen: the spec is invalid:\n${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `codegen failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(3);
  },
);
