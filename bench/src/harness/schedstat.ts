import { readFileSync } from "node:fs";

/**
 * Time this process's main thread has spent runnable but waiting for a CPU, microseconds
 * (/proc/self/schedstat, second field). It grows only when something else held the core: the
 * direct measure of interference, whatever else the machine is doing.
 */
export function runQueueWaitMicros(): number {
  const fields = readFileSync("/proc/self/schedstat", "utf8").split(" ");
  return Number(fields[1] ?? 0) / 1000;
}
