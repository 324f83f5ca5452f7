import type { Bus } from "./bus";

/** The bus of a single instance: handlers run in the publisher's turn of the event loop. */
export class InProcessBus implements Bus {
  private readonly handlers = new Map<
    string,
    Set<(message: unknown) => void>
  >();

  publish(channel: string, message: unknown): Promise<void> {
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
    return Promise.resolve();
  }

  subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    const mine = (message: unknown): void => handler(message);
    set.add(mine);
    return Promise.resolve(() => {
      set.delete(mine);
      if (set.size === 0) this.handlers.delete(channel);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}
