import type { CoreSocket } from "../wire/socket";

/** What the batching needs of a connection: its socket and whether it is corked this tick. */
export interface Corkable {
  corked: boolean;
  readonly socket: CoreSocket;
}

/**
 * Batching without a timer. A socket is corked on its first write of a tick, and every socket
 * corked in the tick is uncorked by one task queued behind the tick's synchronous work (a
 * fan-out of many updates, a reply and its snapshot): what one socket gets in a tick leaves in one
 * write, and a lone update leaves as soon as the fan-out that sent it returns.
 */
export class TickCorks {
  private held: Corkable[] = [];
  private scheduled = false;
  private readonly flushNow = (): void => this.flush();

  constructor(
    private readonly defer: (run: () => void) => void = queueMicrotask,
  ) {}

  /** Cork `conn`'s socket until the end of this tick; called only while it is not corked. */
  hold(conn: Corkable): void {
    conn.corked = true;
    conn.socket.cork?.();
    this.held.push(conn);
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(this.flushNow);
  }

  /** Hand what `conn` holds to the operating system now (its buffer passed the slow limit). */
  release(conn: Corkable): void {
    if (!conn.corked) return;
    conn.corked = false;
    conn.socket.uncork?.();
  }

  /** The end of the tick: every socket corked in it is uncorked, in the order they were corked. */
  flush(): void {
    const held = this.held;
    this.held = [];
    this.scheduled = false;
    for (const conn of held) {
      try {
        this.release(conn);
      } catch {
        // A socket whose write throws is broken: drop it rather than the sockets after it.
        conn.socket.terminate();
      }
    }
  }
}
