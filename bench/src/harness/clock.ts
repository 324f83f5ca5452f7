/**
 * CLOCK_MONOTONIC in milliseconds with microsecond resolution. Unlike `performance.now()`, whose
 * origin is each process's start, it reads the same in every process on the machine, so a
 * timestamp written by the server can be compared with the load generator's clock.
 */
const offsetMs = calibrate();

export function monoMs(): number {
  return offsetMs + performance.now();
}

/**
 * The offset between the two clocks, from the tightest of many bracketed readings: a process
 * preempted between two reads would otherwise carry a bias of milliseconds into every latency.
 */
function calibrate(): number {
  let best = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let i = 0; i < 50; i++) {
    const before = performance.now();
    const mono = Number(process.hrtime.bigint()) / 1e6;
    const after = performance.now();
    if (after - before < best) {
      best = after - before;
      offset = mono - (before + after) / 2;
    }
  }
  return offset;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
