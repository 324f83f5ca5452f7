import type { ErrorCode } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../clock";
import type { WsLimits } from "../../config";
import { schemaValidators } from "../wire/codecs";
import type { WsConnection } from "../connection/connection";
import { parseInbound, type RequestId } from "./inbound";
import type { WsMetrics } from "../metrics/metrics";
import { errorReply, pongReply } from "../replies/replies";
import type { RouteHandler } from "../router/ws-router";

const validatePing = schemaValidators.compile<{ t: number }>("PingRequest");

export interface DispatchHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  readonly log: FastifyBaseLogger;
  readonly clock: Clock;
  readonly routers: ReadonlyMap<string, RouteHandler>;
}

/**
 * Inbound frames: each is counted against the socket's rate, parsed, and answered or handed to its
 * route. Every answer goes through the connection's outbound budget like any other frame.
 */
export class InboundDispatcher {
  constructor(private readonly host: DispatchHost) {}

  onMessage(
    conn: WsConnection,
    data: Buffer | ArrayBuffer | Buffer[],
    isBinary: boolean,
  ): void {
    if (!conn.open) return;
    const metrics = this.host.metrics;
    if (isBinary) {
      metrics.messagesIn.inc({ channel: "invalid" });
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
      metrics.messagesIn.inc({ channel: "invalid" });
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
      metrics.messagesIn.inc({ channel: "invalid" });
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
      metrics.messagesIn.inc({ channel: "system" });
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
      conn.send(pongReply(checked.value.t, this.host.clock.now(), frame.id));
      return;
    }
    const router = this.host.routers.get(frame.route);
    if (!router) {
      metrics.messagesIn.inc({ channel: "invalid" });
      this.sendError(
        conn,
        "UNKNOWN_ROUTE",
        `no route ${JSON.stringify(frame.route)}; routes: ${[...this.host.routers.keys()].join(", ")}`,
        requestType,
        frame.id,
      );
      return;
    }
    metrics.messagesIn.inc({ channel: frame.route });
    if (frame.action === "subscribe") {
      router.subscribe(conn, frame.payload, frame.id).catch((err: unknown) => {
        this.host.log.error({ err, route: frame.route }, "subscribe failed");
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

  /**
   * A protocol ping from the peer: answered within the socket's rate and budget, like a frame.
   * (The transport's automatic pong is off: it would write without limit for a peer that sends
   * pings and never reads.)
   */
  onPing(conn: WsConnection, data: Buffer): void {
    if (!conn.open || !conn.bucket.take()) return;
    conn.sendPong(data);
  }

  private sendError(
    conn: WsConnection,
    code: ErrorCode,
    message: string,
    requestType?: string,
    id?: RequestId,
  ): void {
    this.host.metrics.errors.inc({ code });
    conn.send(errorReply(code, message, requestType, id));
  }

  private rateMessage(): string {
    const { messagesPerSecond, messageBurst } = this.host.limits;
    return `more than ${messagesPerSecond} messages per second (burst ${messageBurst}); the frame was dropped`;
  }
}

function toText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
