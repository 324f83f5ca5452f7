import type { ConnectionState } from "@tradewire/client";
import { optional } from "./optional";

/** What the status bar shows about the socket. */
export type LinkStatus =
  "connected" | "connecting" | "reconnecting" | "offline";

export interface ConnectionView {
  readonly status: LinkStatus;
  /** Retry number while reconnecting; 0 otherwise. */
  readonly attempt: number;
  /** Last ping round trip, when one was measured on the current socket. */
  readonly latencyMs?: number;
  /** Milliseconds until the next attempt while reconnecting. */
  readonly retryInMs?: number;
  /** Close code of the socket that was lost or closed. */
  readonly closeCode?: number;
  /** The socket URL in use, or the one the next attempt dials. */
  readonly url?: string;
  /** The server instance that answered there (from its pong); unknown until then. */
  readonly instance?: string;
  /** `sse` when the fallback transport carries the connection (WebSockets blocked on the way). */
  readonly transport?: string;
}

export function toConnectionView(state: ConnectionState): ConnectionView {
  // Where the client is rides along in every status, as the close code does.
  const closeCode = {
    ...optional("closeCode", state.closeCode),
    ...optional("url", state.url),
    ...optional("instance", state.instance),
    ...optional("transport", state.transport),
  };
  switch (state.status) {
    case "open":
      return {
        status: "connected",
        attempt: 0,
        ...optional("latencyMs", state.latencyMs),
        ...closeCode,
      };
    case "connecting":
      // A dial after a lost socket is still part of reconnecting for the trader.
      return {
        status: state.attempt > 0 ? "reconnecting" : "connecting",
        attempt: state.attempt,
        ...closeCode,
      };
    case "reconnecting":
      return {
        status: "reconnecting",
        attempt: state.attempt,
        ...optional("retryInMs", state.delayMs),
        ...closeCode,
      };
    case "idle":
    case "closed":
      return { status: "offline", attempt: 0, ...closeCode };
  }
}
