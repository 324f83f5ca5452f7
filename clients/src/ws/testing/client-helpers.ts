import type { ConnectionState } from "../state.js";

interface StateSource {
  onState(listener: (state: ConnectionState) => void): () => void;
}

/** Resolves with the first state (the current one included) that matches. */
export function waitForState(
  client: StateSource,
  matches: (state: ConnectionState) => boolean,
): Promise<ConnectionState> {
  return new Promise((resolve) => {
    // onState calls back at once, before it has returned the function that stops it.
    const subscription: { stop?: () => void; done?: boolean } = {};
    subscription.stop = client.onState((state) => {
      if (subscription.done || !matches(state)) return;
      subscription.done = true;
      subscription.stop?.();
      resolve(state);
    });
    if (subscription.done) subscription.stop();
  });
}

/** Records every state a client goes through. */
export function recordStates(client: StateSource): ConnectionState[] {
  const states: ConnectionState[] = [];
  client.onState((state) => states.push(state));
  return states;
}

/** Collects listener calls and lets a test wait until it has `count` of them. */
export class Collector<T> {
  readonly items: T[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  readonly push = (item: T): void => {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (this.items.length >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  async next(count: number): Promise<T[]> {
    if (this.items.length < count) {
      await new Promise<void>((resolve) =>
        this.waiters.push({ count, resolve }),
      );
    }
    return this.items;
  }
}
