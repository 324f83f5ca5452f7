import { performance } from "node:perf_hooks";

/** Progress updates of one job are sent at most this often (besides every status change). */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * A running job's counters: bars done, the estimated total (never below what is done), the rate
 * over the last progress interval and the ETA that rate gives. Wall-clock time, not the app's
 * clock: it measures the work itself.
 */
export class JobProgress {
  barsDone = 0;
  barsTotal = 0;
  rate = 0;
  private windowStart = performance.now();
  private windowBars = 0;

  /** Count written bars; true when an update is due. */
  add(bars: number): boolean {
    this.barsDone += bars;
    const now = performance.now();
    const elapsed = now - this.windowStart;
    if (elapsed < PROGRESS_INTERVAL_MS) return false;
    this.rate = ((this.barsDone - this.windowBars) * 1000) / elapsed;
    this.windowStart = now;
    this.windowBars = this.barsDone;
    return true;
  }

  get total(): number {
    return Math.max(this.barsTotal, this.barsDone);
  }

  /** Seconds left at the current rate; undefined until a rate is known. */
  get etaSeconds(): number | undefined {
    if (this.rate <= 0) return undefined;
    return Math.round(((this.total - this.barsDone) / this.rate) * 10) / 10;
  }
}
