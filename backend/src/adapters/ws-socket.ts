import { WebSocket } from "ws";
import type { Socket } from "node:net";
import type { WsConnection } from "../ws";

/**
 * The WebSocket class `ws` builds for each accepted socket (its `WebSocket` server option). It
 * adds what the core asks of a transport beyond `ws`'s API, as methods and one field rather than
 * per-socket closures: `cork`/`uncork` on the TCP socket (several frames of one tick in one
 * syscall), and the socket's connection, which the shared event listeners of fastify-ws.ts read.
 */
export class TradewireSocket extends WebSocket {
  /** The gateway's connection of this socket, once admitted. */
  conn: WsConnection | null = null;

  cork(): void {
    tcpOf(this)?.cork();
  }

  uncork(): void {
    tcpOf(this)?.uncork();
  }
}

function tcpOf(ws: WebSocket): Socket | null {
  return (ws as unknown as { _socket: Socket | null })._socket;
}
