import { CloseCode } from "../generated/models.js";

/**
 * The part of the standard WebSocket API the client uses, so that the browser's WebSocket and the
 * `ws` package's both fit without DOM typings.
 */
export interface WebSocketLike {
  readonly readyState: number;
  /** The subprotocol the server accepted ("" when none); absent on minimal fakes. */
  readonly protocol?: string;
  /** Set to "arraybuffer" so binary frames arrive alike in browsers and with `ws`. */
  binaryType?: string;
  /** What carries it when it is not a plain WebSocket (`sse`: the fallback transport). */
  readonly transport?: string;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

// Method syntax makes the parameter bivariant, so handlers typed with a richer event (ws's
// MessageEvent, the DOM's CloseEvent) still fit.
type Handler<E> = { bivarianceHack(event: E): void }["bivarianceHack"];

/** Standard `readyState` values. */
export const ReadyState = {
  Connecting: 0,
  Open: 1,
  Closing: 2,
  Closed: 3,
} as const;

/** The browser's WebSocket when there is one; Node 20 has none, so Node callers pass `ws`'s. */
export function defaultWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/** Adds the `token` query parameter; works for relative URLs, which `new URL` would reject. */
export function withToken(url: string, token: string | undefined): string {
  if (token === undefined || token === "") return url;
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}token=${encodeURIComponent(token)}`;
}

export function ignoreEvent(): void {}

/** Detaches the client from a socket and closes it; resolves once it is closed. */
export function closeSocket(socket: WebSocketLike): Promise<void> {
  socket.onopen = null;
  socket.onmessage = null;
  return new Promise((resolve) => {
    socket.onclose = () => resolve();
    if (socket.readyState === ReadyState.Closed) resolve();
    else socket.close(CloseCode.NormalClosure);
  });
}
