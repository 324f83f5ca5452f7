import type { Bus, BusErrorListener } from "./bus";

/** The bus of a single instance: handlers run in the publisher's turn of the event loop. */
export class InProcessBus implements Bus {
  private readonly handlers = new Map<
    string,
    Set<(message: unknown) => void>
  >();
  private closed = false;

  constructor(private readonly onHandlerError: BusErrorListener) {}

  publish(channel: string, message: unknown): Promise<void> {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(message);
      } catch (err) {
        this.onHandlerError(err, channel);
      }
    }
    return Promise.resolve();
  }

  subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>> {
    if (this.closed) return Promise.reject(new Error("the bus is closed"));
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    const mine = (message: unknown): void => handler(message);
    set.add(mine);
    return Promise.resolve(() => {
      set.delete(mine);
      if (set.size === 0 && this.handlers.get(channel) === set)
        this.handlers.delete(channel);
      return Promise.resolve();
    });
  }

  connected(): boolean {
    return !this.closed;
  }

  /** An in-process bus is never cut off. */
  onConnectionChange(): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    return Promise.resolve();
  }
}
