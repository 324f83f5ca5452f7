import { randomBytes } from "node:crypto";
import type { WsConnection } from "./connection";

const PING_PAYLOAD_BYTES = 8;

/**
 * One heartbeat's verdict on a socket: false when it must be terminated.
 *
 * Alive means the peer consumes what it is sent, not that it sends pong frames (anyone can send
 * those, unasked). Each ping carries a random payload of its own socket's, written behind
 * everything sent before it; echoing it proves the peer read all of that. A peer that has not
 * echoed it yet is still alive if output was waiting at the previous check and the operating
 * system has taken more of it since, which it only does when the peer reads: a slow reader
 * catching up behind a large backlog. A peer that did neither for a whole interval is dead.
 */
export function heartbeat(conn: WsConnection): boolean {
  const consumed = conn.peer.consumedBytes();
  const reading = conn.backlogMark > 0 && consumed > conn.consumedMark;
  if (conn.pingPayload !== null && !reading) return false;
  conn.consumedMark = consumed;
  conn.backlogMark = conn.backlogBytes;
  // A ping still unanswered is behind the backlog the peer is reading: wait for it.
  if (conn.pingPayload === null) {
    const payload = randomBytes(PING_PAYLOAD_BYTES);
    conn.pingPayload = payload;
    conn.socket.ping(payload);
  }
  return true;
}

/** A pong counts only when it echoes the ping this socket was sent. */
export function pongReceived(conn: WsConnection, data: Buffer): void {
  if (conn.pingPayload !== null && conn.pingPayload.equals(data))
    conn.pingPayload = null;
}

/**
 * One liveness check of every socket at heartbeat number `beat`: terminate sockets that neither
 * echoed their ping nor read anything since the last check (calling `dead` for each), and sockets
 * the server started closing before this beat and that are still there.
 */
export function checkLiveness(
  connections: Iterable<WsConnection>,
  beat: number,
  dead: () => void,
): void {
  for (const conn of connections) {
    if (!conn.open) {
      if (conn.closingSince === 0) conn.closingSince = beat;
      else if (conn.closingSince < beat) conn.socket.terminate();
      continue;
    }
    if (!heartbeat(conn)) {
      dead();
      conn.markClosed();
      conn.socket.terminate();
    }
  }
}
