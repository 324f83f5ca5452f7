import { CloseCode, type ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Registry } from "prom-client";
import type { SessionGuard } from "../auth/sessions";
import type { Clock } from "../clock";
import type { WsLimits } from "../config";
import { schemaValidators } from "./codecs";
import {
  WsConnection,
  type ConnectionAuth,
  type ConnectionHost,
} from "./connection";
import { parseInbound, type RequestId } from "./inbound";
import { WsMetrics } from "./metrics";
import { textFrames, type CoreSocket, type FrameEncoder } from "./socket";
import { TokenBucket } from "./token-bucket";
import type { RouteHandler, RouterHost } from "./ws-router";

export interface GatewayOptions {
  readonly limits: WsLimits;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly registry: Registry;
}

/** The result of checking a connection's token before the socket is accepted. */
export type ConnectionCredentials =
  | { kind: "anonymous" }
  | { kind: "authenticated"; auth: ConnectionAuth }
  | { kind: "invalid" };

const DRAIN_CHECK_MS = 20;
const validatePing = schemaValidators.compile<{ t: number }>("PingRequest");

/**
 * Every socket of the app: accepts connections within the limits, dispatches inbound frames to
 * the routers, runs the heartbeat and drains slow sockets.
 */
export class WsGateway implements ConnectionHost, RouterHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  private readonly routers = new Map<string, RouteHandler>();
  private readonly connections = new Set<WsConnection>();
  private readonly perAccount = new Map<string, number>();
  private readonly slow = new Set<WsConnection>();
  private readonly expiries = new Map<WsConnection, NodeJS.Timeout>();
  private drainTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closing = false;
  private encoder: FrameEncoder = textFrames;
  private readonly sessionGuards: SessionGuard[] = [];

  constructor(private readonly options: GatewayOptions) {
    this.limits = options.limits;
    this.metrics = new WsMetrics(options.registry, {
      sockets: () => this.connections.size,
      topics: () => this.sum((r) => r.topicCount),
      subscriptions: () => this.sum((r) => r.subscriptionCount),
    });
  }

  register(router: RouteHandler): void {
    if (this.routers.has(router.route))
      throw new Error(`route ${router.route} is registered twice`);
    router.attach(this);
    this.routers.set(router.route, router);
  }

  get log(): FastifyBaseLogger {
    return this.options.log;
  }

  /** How updates are encoded once for all their subscribers; set by the transport's adapter. */
  get frames(): FrameEncoder {
    return this.encoder;
  }

  useFrameEncoder(encoder: FrameEncoder): void {
    this.encoder = encoder;
  }

  /** A check every authenticated socket's session must keep passing while it is open. */
  addSessionGuard(guard: SessionGuard): void {
    this.sessionGuards.push(guard);
  }

  /** Close (4001) every authenticated socket whose session `ended` matches; returns how many. */
  closeSessions(
    ended: (auth: ConnectionAuth) => boolean,
    reason: string,
  ): number {
    let closed = 0;
    for (const conn of this.connections) {
      if (conn.auth && ended(conn.auth)) {
        conn.close(CloseCode.TokenInvalid, reason);
        closed += 1;
      }
    }
    return closed;
  }

  get routes(): string[] {
    return [...this.routers.keys()];
  }

  start(): void {
    this.heartbeatTimer = setInterval(
      () => this.heartbeat(),
      this.limits.heartbeatIntervalMs,
    );
    this.heartbeatTimer.unref();
  }

  /** Admit a new socket, or close it with the code that says why not. */
  accept(
    socket: CoreSocket,
    credentials: ConnectionCredentials,
  ): WsConnection | null {
    if (this.closing) {
      socket.close(CloseCode.ServiceRestart, "server is shutting down");
      return null;
    }
    if (this.connections.size >= this.limits.maxConnections) {
      socket.close(
        CloseCode.TryAgainLater,
        "server is at its connection limit",
      );
      return null;
    }
    if (credentials.kind === "invalid") {
      socket.close(CloseCode.TokenInvalid, "invalid or expired token");
      return null;
    }
    const auth = credentials.kind === "authenticated" ? credentials.auth : null;
    if (auth) {
      const open = this.perAccount.get(auth.accountId) ?? 0;
      if (open >= this.limits.maxConnectionsPerAccount) {
        socket.close(
          CloseCode.TooManyConnections,
          `at most ${this.limits.maxConnectionsPerAccount} connections per account`,
        );
        return null;
      }
      this.perAccount.set(auth.accountId, open + 1);
    }
    const bucket = new TokenBucket(
      this.limits.messagesPerSecond,
      this.limits.messageBurst,
      this.options.clock,
    );
    const conn = new WsConnection(this.nextId++, socket, auth, bucket, this);
    this.connections.add(conn);
    if (auth) {
      const expiry = setTimeout(
        () => conn.close(CloseCode.TokenInvalid, "token expired"),
        Math.max(0, auth.expiresAt - this.options.clock.now()),
      );
      expiry.unref();
      this.expiries.set(conn, expiry);
    }
    return conn;
  }

  onMessage(
    conn: WsConnection,
    data: Buffer | ArrayBuffer | Buffer[],
    isBinary: boolean,
  ): void {
    if (!conn.open) return;
    if (isBinary) {
      this.metrics.messagesIn.inc({ channel: "invalid" });
      this.sendError(
        conn,
        "BINARY_NOT_SUPPORTED",
        "frames are JSON text; binary frames are not accepted",
      );
      return;
    }
    const frame = parseInbound(toText(data));
    const limited = !conn.bucket.take();
    if (frame.kind === "invalid") {
      this.metrics.messagesIn.inc({ channel: "invalid" });
      this.sendError(
        conn,
        limited ? "RATE_LIMITED" : frame.code,
        limited ? this.rateMessage() : frame.message,
        frame.type,
        frame.id,
      );
      return;
    }
    const requestType =
      frame.kind === "ping" ? "ping" : `${frame.route}.${frame.action}`;
    if (limited) {
      this.metrics.messagesIn.inc({ channel: "invalid" });
      this.sendError(
        conn,
        "RATE_LIMITED",
        this.rateMessage(),
        requestType,
        frame.id,
      );
      return;
    }
    if (frame.kind === "ping") {
      this.metrics.messagesIn.inc({ channel: "system" });
      const checked = validatePing(frame.payload);
      if (!checked.ok) {
        this.sendError(
          conn,
          "INVALID_PARAMS",
          `invalid ping: payload${checked.message}`,
          "ping",
          frame.id,
        );
        return;
      }
      const pong = { t: checked.value.t, serverTime: this.options.clock.now() };
      conn.send(
        JSON.stringify(
          frame.id === undefined
            ? { type: "pong", payload: pong }
            : { type: "pong", id: frame.id, payload: pong },
        ),
      );
      return;
    }
    const router = this.routers.get(frame.route);
    if (!router) {
      this.metrics.messagesIn.inc({ channel: "invalid" });
      this.sendError(
        conn,
        "UNKNOWN_ROUTE",
        `no route ${JSON.stringify(frame.route)}; routes: ${this.routes.join(", ")}`,
        requestType,
        frame.id,
      );
      return;
    }
    this.metrics.messagesIn.inc({ channel: frame.route });
    if (frame.action === "subscribe") {
      router.subscribe(conn, frame.payload, frame.id).catch((err: unknown) => {
        this.options.log.error({ err, route: frame.route }, "subscribe failed");
        this.sendError(
          conn,
          "INTERNAL_ERROR",
          "the subscribe could not be processed",
          requestType,
          frame.id,
        );
      });
    } else {
      router.unsubscribe(conn, frame.payload, frame.id);
    }
  }

  onPong(conn: WsConnection): void {
    conn.alive = true;
  }

  /** The socket is gone (closed by either side or terminated): release everything it held. */
  onClose(conn: WsConnection): void {
    if (!this.connections.delete(conn)) return;
    conn.open = false;
    this.slow.delete(conn);
    const expiry = this.expiries.get(conn);
    if (expiry) clearTimeout(expiry);
    this.expiries.delete(conn);
    if (conn.auth) {
      const left = (this.perAccount.get(conn.auth.accountId) ?? 1) - 1;
      if (left > 0) this.perAccount.set(conn.auth.accountId, left);
      else this.perAccount.delete(conn.auth.accountId);
    }
    for (const [topicId, owner] of [...conn.subscriptions])
      owner.release(conn, topicId);
  }

  /** One heartbeat: terminate peers that did not answer the previous ping, ping the others. */
  heartbeat(): void {
    for (const conn of this.connections) {
      if (!conn.alive) {
        conn.open = false;
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  markSlow(conn: WsConnection): void {
    this.slow.add(conn);
    if (this.drainTimer === null) {
      this.drainTimer = setInterval(() => this.drainSlow(), DRAIN_CHECK_MS);
      this.drainTimer.unref();
    }
  }

  /** Graceful shutdown: 1012 to every socket so clients reconnect elsewhere, then remove every topic. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.heartbeatTimer = this.drainTimer = null;
    for (const conn of [...this.connections]) {
      conn.close(CloseCode.ServiceRestart, "server restarting");
      this.onClose(conn);
    }
    await Promise.all([...this.routers.values()].map((r) => r.closeAll()));
  }

  private drainSlow(): void {
    for (const conn of this.slow)
      if (conn.flushPending()) this.slow.delete(conn);
    if (this.slow.size === 0 && this.drainTimer !== null) {
      clearInterval(this.drainTimer);
      this.drainTimer = null;
    }
  }

  private sendError(
    conn: WsConnection,
    code: ErrorCode,
    message: string,
    requestType?: string,
    id?: RequestId,
  ): void {
    this.metrics.errors.inc({ code });
    const payload =
      requestType === undefined
        ? { code, message }
        : { code, message, requestType };
    conn.send(
      JSON.stringify(
        id === undefined
          ? { type: "error", payload }
          : { type: "error", id, payload },
      ),
    );
  }

  private rateMessage(): string {
    return `more than ${this.limits.messagesPerSecond} messages per second (burst ${this.limits.messageBurst}); the frame was dropped`;
  }

  private sum(read: (r: RouteHandler) => number): number {
    let n = 0;
    for (const r of this.routers.values()) n += read(r);
    return n;
  }
}

function toText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
