import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, setPriority, totalmem } from "node:os";
import { sleep } from "./harness/clock";
import { coreBusyMicros } from "./harness/core-usage";

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly loadAverage: readonly number[];
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

/** Pin this process (every thread) to `core`, next to the load generators, at their priority. */
export function pinSelf(core: number, niceness: number): void {
  execFileSync(
    "taskset",
    ["-a", "-p", "-c", String(core), String(process.pid)],
    { stdio: "ignore" },
  );
  try {
    setPriority(niceness);
  } catch {
    // Not allowed to raise it: the run is still valid, only more exposed to other work.
  }
}

/** Cores' worth of CPU the machine is using while the benchmark is idle: others' work. */
export async function foreignLoad(ms = 1500): Promise<number> {
  const before = coreBusyMicros();
  await sleep(ms);
  const after = coreBusyMicros();
  let busy = 0;
  after.forEach((v, i) => (busy += v - (before[i] ?? 0)));
  return busy / (ms * 1000);
}
