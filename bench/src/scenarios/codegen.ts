import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

export interface CodegenResult {
  readonly runs: number[];
  readonly exitCode: number;
}

/** Wall time of a full `npm run codegen`, as a developer runs it, from process start to exit. */
export async function runCodegen(repeats: number): Promise<CodegenResult> {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn("npm", ["run", "-s", "codegen"], {
        cwd: ROOT,
        stdio: "ignore",
      });
      child.on("error", reject);
      child.on("exit", (c) => resolve(c ?? 1));
    });
    if (code !== 0) return { runs, exitCode: code };
    runs.push(performance.now() - started);
  }
  return { runs, exitCode: 0 };
}
