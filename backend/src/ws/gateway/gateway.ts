import { CloseCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Registry } from "prom-client";
import type { SessionGuard } from "../../auth/sessions";
import type { Clock } from "../../clock";
import type { WsLimits } from "../config";
import { ConnectionCaps } from "../admission/connection-caps";
import {
  admitSocket,
  type ConnectionCredentials,
} from "../admission/socket-admission";
import { shedOverBudget } from "../fanout/budget";
import type { ConnectionAuth } from "../../auth/identity";
import { WsConnection, type ConnectionHost } from "../connection/connection";
import { TickCorks } from "../connection/tick-corks";
import { InboundDispatcher } from "../inbound/dispatch";
import { checkLiveness, pongReceived } from "../connection/liveness";
import { SlowSockets } from "../connection/slow-sockets";
import { Replier } from "../replies/replier";
import { TokenExpiries } from "./token-expiries";
import { WsMetrics } from "../metrics/metrics";
import { SessionChecks } from "../connection/session-checks";
import { textFrames, type CoreSocket, type PeerInfo } from "../wire/socket";
import { TokenBucket } from "../admission/token-bucket";
import { jsonCodec, type WireCodec } from "../wire/codec";
import type { RouteHandler, RouterHost } from "../router/router-host";
import { RouteTable } from "./route-table";
import { countByTransport } from "./transport-counts";

export interface GatewayOptions {
  readonly limits: WsLimits;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly registry: Registry;
  /** This instance's id (the cluster role's), sent in every pong. */
  readonly instanceId?: string;
}

export type { ConnectionCredentials };

/** How often the total outbound memory is measured against WS_MAX_TOTAL_BUFFER_BYTES. */
const BUDGET_CHECK_MS = 250;

/**
 * Every socket of the app: admits connections within the caps, hands inbound frames to the
 * dispatcher, drains slow sockets, and runs the liveness, budget and session checks.
 */
export class WsGateway implements ConnectionHost, RouterHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  readonly replies: Replier;
  /** This instance's id, when the app gave one: in pongs and the upgrade's response headers. */
  readonly instanceId: string | undefined;
  private readonly routers = new RouteTable();
  private readonly connections = new Set<WsConnection>();
  private readonly caps: ConnectionCaps;
  private readonly dispatcher: InboundDispatcher;
  private readonly sessions: SessionChecks;
  private readonly slow = new SlowSockets();
  readonly corks = new TickCorks();
  private readonly expiries: TokenExpiries;
  private readonly timers: NodeJS.Timeout[] = [];
  private nextId = 1;
  private beat = 0;
  private closing = false;
  /** The codec of a socket that asked for nothing else; the transport's adapter sets its framing. */
  defaultCodec: WireCodec = jsonCodec(textFrames);

  constructor(private readonly options: GatewayOptions) {
    this.limits = options.limits;
    this.instanceId = options.instanceId;
    this.metrics = new WsMetrics(options.registry, {
      sockets: () => this.connections.size,
      socketsByTransport: () => countByTransport(this.connections),
      topics: () => this.routers.topicCount,
      subscriptions: () => this.routers.subscriptionCount,
      outboundBytes: () => this.outboundBytes,
    });
    this.replies = new Replier(this.metrics.errors, this.instanceId);
    this.caps = new ConnectionCaps(options.limits);
    this.expiries = new TokenExpiries(options.clock);
    this.sessions = new SessionChecks(options.log);
    this.dispatcher = new InboundDispatcher({
      limits: options.limits,
      metrics: this.metrics,
      log: options.log,
      clock: options.clock,
      replies: this.replies,
      routers: this.routers.byRoute,
    });
  }

  register(router: RouteHandler): void {
    this.routers.register(router, this);
  }

  get log(): FastifyBaseLogger {
    return this.options.log;
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
    return this.sessions.closeEnded(this.connections, ended, (conn) =>
      conn.close(CloseCode.TokenInvalid, reason),
    );
  }

  /** Output waiting for every socket together: what WS_MAX_TOTAL_BUFFER_BYTES bounds. */
  get outboundBytes(): number {
    let n = 0;
    for (const conn of this.connections) n += conn.backlogBytes;
    return n;
  }

  get routes(): string[] {
    return this.routers.routes;
  }

  start(): void {
    const every = (ms: number, run: () => void): void => {
      this.timers.push(setInterval(run, ms).unref());
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
    codec: WireCodec = this.defaultCodec,
  ): WsConnection | null {
    const admission = admitSocket(
      this.caps,
      { closing: this.closing, open: this.connections.size },
      credentials,
      peer.address,
    );
    if (!admission.ok) {
      socket.close(admission.code, admission.reason);
      return null;
    }
    const auth = admission.auth;
    const bucket = TokenBucket.forLimits(this.limits, this.options.clock);
    const conn = new WsConnection(
      this.nextId++,
      socket,
      auth,
      bucket,
      peer,
      this,
      codec,
    );
    this.connections.add(conn);
    if (auth) this.expiries.watch(conn, auth);
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
    this.expiries.forget(conn);
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
    checkLiveness(this.connections, this.beat, () =>
      this.metrics.deadPeers.inc(),
    );
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
  }

  /** Graceful shutdown: 1012 to every socket so clients reconnect elsewhere, then remove every topic. */
  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.slow.stop();
    for (const conn of [...this.connections]) {
      conn.close(CloseCode.ServiceRestart, "server restarting");
      this.onClose(conn);
    }
    await this.routers.closeAll();
  }
}
