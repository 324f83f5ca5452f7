import type { Endpoint } from "./endpoints.js";
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
  /** The URL in use, or the one the next attempt dials (it changes on failover). */
  readonly url?: string;
  /** The server instance that answered the latest ping at `url`; unknown until its first pong. */
  readonly instance?: string;
  /** `websocket` or `sse` (the fallback): what carried the latest open connection, when not a plain WebSocket. */
  readonly transport?: string;
}

export type StateListener = (state: ConnectionState) => void;

/** The current connection state and its subscribers; a new subscriber hears the current state. */
export class StateStore {
  private current: ConnectionState;
  private readonly listeners = new Set<StateListener>();

  /** `where`: the endpoint every state carries, so no caller can publish a stale URL. */
  constructor(
    private readonly where: () => Endpoint & { readonly transport?: string },
  ) {
    this.current = { status: "idle", attempt: 0, ...where() };
  }

  get state(): ConnectionState {
    return this.current;
  }

  set(update: ConnectionState): void {
    const {
      url: _url,
      instance: _instance,
      transport: _transport,
      ...rest
    } = update;
    const state = { ...rest, ...this.where() };
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
