import type { Bus } from "../../src/bus/bus";

/**
 * One instance's view of a bus shared by several instances in one test process. `cut()` makes it
 * lose what it publishes and what it would hear, as a RedisBus cut off from Redis does, and tells
 * its connection listeners; `restore()` reports it back. Closing it leaves the shared bus to the
 * others: the test closes that one last.
 */
export class CuttableBus implements Bus {
  private isCut = false;
  private readonly listeners = new Set<(connected: boolean) => void>();

  constructor(private readonly shared: Bus) {}

  publish(channel: string, message: unknown): Promise<void> {
    return this.isCut
      ? Promise.resolve()
      : this.shared.publish(channel, message);
  }

  subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>> {
    return this.shared.subscribe(channel, (message) => {
      if (!this.isCut) handler(message);
    });
  }

  connected(): boolean {
    return !this.isCut && this.shared.connected();
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cut(): void {
    this.setConnected(false);
  }

  restore(): void {
    this.setConnected(true);
  }

  setConnected(connected: boolean): void {
    this.isCut = !connected;
    for (const listener of this.listeners) listener(connected);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
