import { CloseCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Registry } from "prom-client";
import type { SessionGuard } from "../../auth/sessions";
import type { Clock } from "../../clock";
import type { WsLimits } from "../../config";
import { ConnectionCaps } from "../admission/connection-caps";
import { shedOverBudget } from "../fanout/budget";
import type { ConnectionAuth } from "../../auth/identity";
import { WsConnection, type ConnectionHost } from "../connection/connection";
import { InboundDispatcher } from "../inbound/dispatch";
import { heartbeat, pongReceived } from "../connection/liveness";
import { WsMetrics } from "../metrics/metrics";
import { SessionChecks } from "../connection/session-checks";
import {
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PeerInfo,
} from "../wire/socket";
import { TokenBucket } from "../admission/token-bucket";
import type { RouteHandler, RouterHost } from "../router/ws-router";

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

/** How often queued frames are flushed to sockets that have drained. */
const DRAIN_CHECK_MS = 20;
/** How often the total outbound memory is measured against WS_MAX_TOTAL_BUFFER_BYTES. */
const BUDGET_CHECK_MS = 250;

/**
 * Every socket of the app: admits connections within the caps, hands inbound frames to the
 * dispatcher, drains slow sockets, and runs the liveness, budget and session checks.
 */
export class WsGateway implements ConnectionHost, RouterHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  private readonly routers = new Map<string, RouteHandler>();
  private readonly connections = new Set<WsConnection>();
  private readonly caps: ConnectionCaps;
  private readonly dispatcher: InboundDispatcher;
  private readonly sessions: SessionChecks;
  private readonly slow = new Set<WsConnection>();
  private readonly expiries = new Map<WsConnection, NodeJS.Timeout>();
  private readonly timers: NodeJS.Timeout[] = [];
  private drainTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private beat = 0;
  private closing = false;
  private encoder: FrameEncoder = textFrames;

  constructor(private readonly options: GatewayOptions) {
    this.limits = options.limits;
    this.metrics = new WsMetrics(options.registry, {
      sockets: () => this.connections.size,
      topics: () => this.sum((r) => r.topicCount),
      subscriptions: () => this.sum((r) => r.subscriptionCount),
      outboundBytes: () => this.outboundBytes,
    });
    this.caps = new ConnectionCaps(options.limits);
    this.sessions = new SessionChecks(options.log);
    this.dispatcher = new InboundDispatcher({
      limits: options.limits,
      metrics: this.metrics,
      log: options.log,
      clock: options.clock,
      routers: this.routers,
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
    this.sessions.add(guard);
  }

  /** Whether a session passes every guard now: checked before a socket with its token opens. */
  sessionActive(auth: ConnectionAuth): Promise<boolean> {
    return this.sessions.isActive(auth);
  }

  /** Close (4001) every authenticated socket whose session `ended` matches; returns how many. */
  closeSessions(
    ended: (auth: ConnectionAuth) => boolean,
    reason: string,
  ): number {
    let closed = 0;
    for (const conn of this.connections) {
      if (conn.open && conn.auth && ended(conn.auth)) {
        conn.close(CloseCode.TokenInvalid, reason);
        closed += 1;
      }
    }
    return closed;
  }

  /** Output waiting for every socket together: what WS_MAX_TOTAL_BUFFER_BYTES bounds. */
  get outboundBytes(): number {
    let n = 0;
    for (const conn of this.connections) n += conn.backlogBytes;
    return n;
  }

  get routes(): string[] {
    return [...this.routers.keys()];
  }

  start(): void {
    const every = (ms: number, run: () => void): void => {
      const timer = setInterval(run, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.limits.heartbeatIntervalMs, () => this.heartbeat());
    every(BUDGET_CHECK_MS, () => this.enforceBudget());
    if (!this.sessions.empty)
      every(this.limits.sessionCheckMs, () => void this.checkSessions());
  }

  /** Admit a new socket, or close it with the code that says why not. */
  accept(
    socket: CoreSocket,
    credentials: ConnectionCredentials,
    peer: PeerInfo,
  ): WsConnection | null {
    if (this.closing) {
      socket.close(CloseCode.ServiceRestart, "server is shutting down");
      return null;
    }
    if (credentials.kind === "invalid") {
      socket.close(CloseCode.TokenInvalid, "invalid or expired token");
      return null;
    }
    const auth = credentials.kind === "authenticated" ? credentials.auth : null;
    const admission = this.caps.admit(
      this.connections.size,
      auth,
      peer.address,
    );
    if (!admission.ok) {
      socket.close(admission.code, admission.reason);
      return null;
    }
    const bucket = new TokenBucket(
      this.limits.messagesPerSecond,
      this.limits.messageBurst,
      this.options.clock,
    );
    const conn = new WsConnection(
      this.nextId++,
      socket,
      auth,
      bucket,
      peer,
      this,
    );
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
    this.dispatcher.onMessage(conn, data, isBinary);
  }

  onPing(conn: WsConnection, data: Buffer): void {
    this.dispatcher.onPing(conn, data);
  }

  onPong(conn: WsConnection, data: Buffer): void {
    pongReceived(conn, data);
  }

  /** The socket is gone (closed by either side or terminated): release everything it held. */
  onClose(conn: WsConnection): void {
    if (!this.connections.delete(conn)) return;
    conn.markClosed();
    this.slow.delete(conn);
    const expiry = this.expiries.get(conn);
    if (expiry) clearTimeout(expiry);
    this.expiries.delete(conn);
    this.caps.release(conn.auth, conn.peer.address);
    for (const [topicId, owner] of [...conn.subscriptions])
      owner.release(conn, topicId);
  }

  /**
   * One liveness check (WS_HEARTBEAT_MS, see liveness.ts): terminate sockets that neither echoed
   * their ping nor read anything since the last check, and sockets still closing since then.
   */
  heartbeat(): void {
    this.beat += 1;
    for (const conn of this.connections) {
      if (!conn.open) {
        if (conn.closingSince === 0) conn.closingSince = this.beat;
        else if (conn.closingSince < this.beat) conn.socket.terminate();
        continue;
      }
      if (!heartbeat(conn)) {
        this.metrics.deadPeers.inc();
        conn.markClosed();
        conn.socket.terminate();
      }
    }
  }

  /** Shed the sockets furthest behind while the total outbound memory is over its budget. */
  enforceBudget(): number {
    return shedOverBudget(
      this.connections,
      this.limits.maxTotalBufferBytes,
      this.metrics,
    );
  }

  /** Ask the session guards about every authenticated socket; resolves with how many sessions ended. */
  checkSessions(): Promise<number> {
    return this.sessions.run(this.connections, (conn) =>
      conn.close(CloseCode.TokenInvalid, "the session has ended"),
    );
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
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = null;
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

  private sum(read: (r: RouteHandler) => number): number {
    let n = 0;
    for (const r of this.routers.values()) n += read(r);
    return n;
  }
}
