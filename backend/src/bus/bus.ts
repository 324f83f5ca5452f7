/**
 * Publish/subscribe between modules and, when several instances run, between instances. Messages
 * are JSON-serializable values; delivery is at-most-once and in order per channel.
 */
export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
