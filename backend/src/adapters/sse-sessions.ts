import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { WsGateway } from "../ws";
import type { SseSocket } from "./sse-socket";

type Connection = NonNullable<ReturnType<WsGateway["accept"]>>;

/** One open event stream: the connection its POSTs feed, and what they must match. */
export interface SseSession {
  readonly id: string;
  readonly conn: Connection;
  readonly socket: SseSocket;
  readonly address: string;
  /** SHA-256 of the token the stream was opened with; null for an anonymous stream. */
  readonly tokenHash: Buffer | null;
}

export type SessionLookup =
  | { readonly ok: true; readonly session: SseSession }
  | {
      readonly ok: false;
      readonly status: 403 | 404;
      readonly message: string;
    };

/** 192 random bits: a session id cannot be guessed, and a leaked one is still bound (see find). */
const SESSION_ID_BYTES = 24;

/**
 * The open event streams by session id. A POST may feed a stream only with the stream's own
 * credentials (the same token, or none for an anonymous stream) and from its client address, so
 * an id seen in a log or a proxy is of no use to anyone else.
 */
export class SseSessions {
  private readonly byId = new Map<string, SseSession>();

  get size(): number {
    return this.byId.size;
  }

  open(
    conn: Connection,
    socket: SseSocket,
    address: string,
    token: string | null,
  ): SseSession {
    const id = randomBytes(SESSION_ID_BYTES).toString("base64url");
    const session = { id, conn, socket, address, tokenHash: hashOf(token) };
    this.byId.set(id, session);
    return session;
  }

  remove(id: string): void {
    this.byId.delete(id);
  }

  /** The session a POST names, if it carries the session's credentials and comes from its address. */
  find(id: string, address: string, token: string | null): SessionLookup {
    const session = this.byId.get(id);
    if (!session || !session.conn.open)
      return {
        ok: false,
        status: 404,
        message: "no such event stream: open a new one",
      };
    if (!sameToken(session.tokenHash, hashOf(token)))
      return {
        ok: false,
        status: 403,
        message: "the event stream was opened with other credentials",
      };
    if (session.address !== address)
      return {
        ok: false,
        status: 403,
        message: "the event stream was opened from another address",
      };
    return { ok: true, session };
  }

  /** A comment on every stream, so proxies that time out idle responses keep them. */
  keepAlive(): void {
    for (const session of this.byId.values())
      session.socket.writeEvent(": keep-alive\n\n");
  }
}

function hashOf(token: string | null): Buffer | null {
  return token === null ? null : createHash("sha256").update(token).digest();
}

function sameToken(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return timingSafeEqual(a, b);
}
