import { readFileSync } from "node:fs";

/** Busy time of each core since boot, microseconds, from /proc/stat (everything but idle and iowait). */
export function coreBusyMicros(): number[] {
  const ticksPerSecond = 100;
  const cores: number[] = [];
  for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
    const m = /^cpu(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const f = (m[2] as string).trim().split(/\s+/).map(Number);
    const [
      user = 0,
      nice = 0,
      system = 0,
      ,
      ,
      irq = 0,
      softirq = 0,
      steal = 0,
    ] = f;
    cores[Number(m[1])] =
      ((user + nice + system + irq + softirq + steal) * 1e6) / ticksPerSecond;
  }
  return cores;
}
