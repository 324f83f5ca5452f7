import { ManualClock } from "@tradewire/client/testing";
import {
  createBackend,
  type Backend,
  type TerminalServices,
} from "../../src/terminal";

/** Wednesday 2026-11-25 15:00 UTC, the backend tests' reference time. */
export const T0 = Date.UTC(2026, 10, 25, 15, 0, 0);

/** A storage in memory, standing in for localStorage (and for the cookie of the simulated auth). */
export function memoryStorage(): Pick<
  Storage,
  "getItem" | "setItem" | "removeItem"
> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export interface Simulation {
  readonly clock: ManualClock;
  readonly backend: Backend;
  readonly services: TerminalServices;
  /** What the simulation keeps in the browser's storage (its workspace, its session). */
  readonly storage: ReturnType<typeof memoryStorage>;
}

/** The whole terminal on the simulation (`simulation: "all"`) on a clock the test moves. */
export function simulation(start = T0): Simulation {
  const clock = new ManualClock(start);
  const storage = memoryStorage();
  const backend = createBackend(
    {
      simulation: "all",
      origin: "http://terminal.test",
      socketUrls: ["ws://terminal.test/api/v1/ws"],
    },
    { clock, storage },
  );
  return { clock, backend, services: backend.openSession(), storage };
}

/** Lets promise callbacks (simulated round trips) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
