import { CloseCode } from "../generated/models.js";
import { SseSocket, type FetchLike } from "./sse-transport.js";
import {
  ignoreEvent,
  ReadyState,
  type WebSocketConstructor,
  type WebSocketLike,
} from "./transport.js";

/** setTimeout and clearTimeout, as the client's options hold them. */
interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the client reaches the server: a WebSocket, or Server-Sent Events plus POST. */
export type TransportName = "websocket" | "sse";

export interface FallbackOptions {
  readonly WebSocket: WebSocketConstructor;
  readonly fetch?: FetchLike;
  readonly timers: Timers;
  /** How long a WebSocket may take to open before the event stream is tried instead. */
  readonly openTimeoutMs: number;
}

/**
 * A `WebSocket` constructor that tries a WebSocket first and, when it never opens (an error or
 * close before open, or no open within `openTimeoutMs`: a proxy that refuses or swallows the
 * upgrade), opens the event stream instead. Once an event stream has opened where a WebSocket
 * did not, every later dial of this constructor goes straight to the event stream: the network is
 * the same for the life of the client, and each doomed upgrade would cost a reconnect its delay.
 * A WebSocket that failed while the event stream failed too (the server is down) proves nothing,
 * and the next dial tries a WebSocket again.
 */
export function fallbackWebSocket(
  options: FallbackOptions,
): WebSocketConstructor {
  const memory = { blocked: false };
  return class extends FallbackSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, options, memory);
    }
  };
}

class FallbackSocket implements WebSocketLike {
  onopen: WebSocketLike["onopen"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  transport: TransportName;
  private inner: WebSocketLike;
  private timer: unknown;
  private closedByClient = false;
  private binary: string | undefined;

  constructor(
    private readonly url: string,
    // The event stream carries v1 JSON only: the subprotocols go to the WebSocket alone.
    private readonly protocols: string | string[] | undefined,
    private readonly options: FallbackOptions,
    private readonly memory: { blocked: boolean },
  ) {
    this.transport = memory.blocked ? "sse" : "websocket";
    this.inner = memory.blocked ? this.openSse() : this.openWebSocket();
  }

  get readyState(): number {
    return this.inner.readyState;
  }

  /** The subprotocol the WebSocket accepted; "" (v1 JSON) on the event stream. */
  get protocol(): string {
    return this.inner.protocol ?? "";
  }

  get binaryType(): string | undefined {
    return this.binary;
  }

  set binaryType(type: string | undefined) {
    this.binary = type;
    if (this.transport === "websocket") this.inner.binaryType = type;
  }

  send(data: string | Uint8Array): void {
    this.inner.send(data);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = true;
    this.clearTimer();
    this.inner.close(code ?? CloseCode.NormalClosure, reason);
  }

  private openWebSocket(): WebSocketLike {
    const ws = new this.options.WebSocket(this.url, this.protocols);
    let opened = false;
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      if (!opened) this.fallBack(ws);
    }, this.options.openTimeoutMs);
    ws.onopen = (event) => {
      opened = true;
      this.clearTimer();
      this.onopen?.(event);
    };
    ws.onmessage = (event) => this.onmessage?.(event);
    // Before open, an error or close means the upgrade did not go through: try the event stream.
    ws.onerror = (event) => {
      if (opened) this.onerror?.(event);
    };
    ws.onclose = (event) => {
      if (opened || this.closedByClient) this.onclose?.(event);
      else if (this.inner === ws) this.fallBack(ws);
    };
    return ws;
  }

  private fallBack(ws: WebSocketLike): void {
    this.clearTimer();
    ws.onopen = ws.onmessage = ws.onclose = null;
    // Not null: the `ws` package throws on an error nobody listens to, and closing it early errs.
    ws.onerror = ignoreEvent;
    if (ws.readyState !== ReadyState.Closed) ws.close();
    this.transport = "sse";
    this.inner = this.openSse();
  }

  private openSse(): WebSocketLike {
    const sse = new SseSocket(this.url, this.options.fetch);
    sse.onopen = (event) => {
      this.memory.blocked = true;
      this.onopen?.(event);
    };
    sse.onmessage = (event) => this.onmessage?.(event);
    sse.onerror = (event) => this.onerror?.(event);
    sse.onclose = (event) => this.onclose?.(event);
    return sse;
  }

  private clearTimer(): void {
    if (this.timer === undefined) return;
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The constructor the client dials with for these transports; undefined when none is usable. */
export function transportConstructor(options: {
  readonly transports: readonly TransportName[];
  readonly WebSocket: WebSocketConstructor | undefined;
  readonly fetch?: FetchLike;
  readonly timers: Timers;
  readonly openTimeoutMs: number;
}): WebSocketConstructor | undefined {
  const { transports, WebSocket, fetch } = options;
  const sse = transports.includes("sse");
  if (transports.includes("websocket") && WebSocket)
    return sse ? fallbackWebSocket({ ...options, WebSocket }) : WebSocket;
  if (!sse) return undefined;
  return class extends SseSocket {
    constructor(url: string) {
      super(url, fetch);
    }
  };
}
