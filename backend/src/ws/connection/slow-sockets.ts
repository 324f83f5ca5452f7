import type { WsConnection } from "./connection";

/** How often queued frames are flushed to sockets that have drained. */
const DRAIN_CHECK_MS = 20;

/**
 * The sockets with frames waiting in their queue: flushed every DRAIN_CHECK_MS while any wait, so
 * a timer runs only while some socket is slow.
 */
export class SlowSockets {
  private readonly slow = new Set<WsConnection>();
  private timer: NodeJS.Timeout | null = null;

  get size(): number {
    return this.slow.size;
  }

  add(conn: WsConnection): void {
    this.slow.add(conn);
    if (this.timer === null) {
      this.timer = setInterval(() => this.drain(), DRAIN_CHECK_MS);
      this.timer.unref();
    }
  }

  delete(conn: WsConnection): void {
    this.slow.delete(conn);
  }

  /** Flush every slow socket once; stops the timer when none is left. */
  drain(): void {
    for (const conn of this.slow)
      if (conn.flushPending()) this.slow.delete(conn);
    if (this.slow.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
