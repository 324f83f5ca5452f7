/**
 * Publish/subscribe between modules and, when several instances run, between instances. Today one
 * message travels on it: a session's end (`auth.sessions`), which the auth module publishes and
 * every instance's WebSocket gateway and deny-list hear. It is the seam for scale-out: a
 * Redis-backed Bus takes the in-process one's place without its users changing, and both must
 * pass `describeBusContract` (bus-contract.ts).
 *
 * Messages are JSON-serializable values; delivery is at-most-once and in order per channel. A
 * handler that throws is reported to the bus's error listener and does not stop the others.
 */
export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(
    channel: string,
    handler: (message: unknown) => void,
  ): Promise<() => Promise<void>>;
  /** Whether messages can flow (readiness reports it); false once closed, or while a networked bus is cut off. */
  connected(): boolean;
  /**
   * Called with false when a networked bus is cut off and with true when it is back (subscriptions
   * restored). What was published meanwhile is lost for this instance: listeners resynchronise
   * from the database (state snapshots, event cursors). Returns a function that stops listening.
   */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** After close, nothing published reaches a handler, and subscribing is refused. */
  close(): Promise<void>;
}

/** Where a bus reports a handler that threw (the app logs it). */
export type BusErrorListener = (err: unknown, channel: string) => void;
