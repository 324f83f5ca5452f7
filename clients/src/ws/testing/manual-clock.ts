import type { Timers } from "../options.js";

interface Task {
  readonly handle: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Timers and a clock that move only when a test calls `advance`. */
export class ManualClock implements Timers {
  private time: number;
  private nextHandle = 1;
  private tasks: Task[] = [];
  private readonly watchers = new Set<() => void>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  setTimeout(callback: () => void, ms: number): number {
    const handle = this.nextHandle++;
    this.tasks.push({ handle, at: this.time + Math.max(0, ms), callback });
    for (const watcher of [...this.watchers]) watcher();
    return handle;
  }

  /** Resolves once a timer due `ms` from now is pending: the client has reacted to something. */
  waitForTimer(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.pendingDelays().includes(ms)) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
      check();
    });
  }

  clearTimeout(handle: unknown): void {
    this.tasks = this.tasks.filter((t) => t.handle !== handle);
  }

  /** Delays, from now, of the timers still pending. */
  pendingDelays(): number[] {
    return this.tasks.map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, running each timer that falls due in order, at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.tasks
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.handle - b.handle)[0];
      if (!due) break;
      this.tasks = this.tasks.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}
