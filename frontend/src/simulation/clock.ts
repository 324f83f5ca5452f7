import type { Timers } from "@tradewire/client";

/** Time for the simulation: injectable so tests run it on a manual clock. */
export interface SimulationClock extends Timers {
  now(): number;
}

// Looked up late, like the client core does, so that fake timers can replace the globals.
export const systemClock: SimulationClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) =>
    globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `tick` every `intervalMs` while at least one listener is registered. */
export class Ticker {
  private readonly listeners = new Set<() => void>();
  private timer: unknown;

  constructor(
    private readonly clock: SimulationClock,
    private readonly intervalMs: number,
  ) {}

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined) this.schedule();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        this.clock.clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  private schedule(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      for (const listener of [...this.listeners]) listener();
      if (this.listeners.size > 0) this.schedule();
    }, this.intervalMs);
  }
}
