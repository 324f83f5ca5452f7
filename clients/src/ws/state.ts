import { callListener } from "./errors.js";

/**
 * - `idle`: created, `connect()` not called yet.
 * - `connecting`: dialling; `attempt` is 0 for the first dial, n for the n-th retry.
 * - `open`: the socket is up and subscriptions are being (re)sent.
 * - `reconnecting`: the socket was lost; waiting `delayMs` before retry number `attempt`.
 * - `closed`: no further attempts: `close()` was called (1000) or the token was rejected (4001).
 */
export type ClientStatus =
  "idle" | "connecting" | "open" | "reconnecting" | "closed";

export interface ConnectionState {
  readonly status: ClientStatus;
  readonly attempt: number;
  /** The close code of the socket that was lost or closed, when it had one. */
  readonly closeCode?: number;
  /** While `reconnecting`: how long until the next attempt. */
  readonly delayMs?: number;
  /** Round trip of the latest ping on the current socket. */
  readonly latencyMs?: number;
}

export type StateListener = (state: ConnectionState) => void;

/** The current connection state and its subscribers; a new subscriber hears the current state. */
export class StateStore {
  private current: ConnectionState = { status: "idle", attempt: 0 };
  private readonly listeners = new Set<StateListener>();

  get state(): ConnectionState {
    return this.current;
  }

  set(state: ConnectionState): void {
    this.current = state;
    for (const listener of [...this.listeners])
      callListener(() => listener(state));
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    callListener(() => listener(this.current));
    return () => {
      this.listeners.delete(listener);
    };
  }
}
