import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../clock";
import type { WsLimits } from "../config";
import type { WsConnection } from "../connection/connection";
import type { WsMetrics } from "../metrics/metrics";
import type { Replier } from "../replies/replier";
import type { RouteHandler } from "../router/router-host";
import { schemaValidators } from "../wire/codecs";
import {
  frameText,
  parseBinary,
  parseInbound,
  type InboundFrame,
} from "./inbound";

const validatePing = schemaValidators.compile<{ t: number }>("PingRequest");

type PingFrame = Extract<InboundFrame, { kind: "ping" }>;
type RouteFrame = Extract<InboundFrame, { kind: "route" }>;
type InvalidFrame = Extract<InboundFrame, { kind: "invalid" }>;

export interface DispatchHost {
  readonly limits: WsLimits;
  readonly metrics: WsMetrics;
  readonly log: FastifyBaseLogger;
  readonly clock: Clock;
  readonly replies: Replier;
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
    const decode = conn.codec.decode;
    if (isBinary && decode === undefined) {
      this.host.metrics.messagesIn.inc({ channel: "invalid" });
      this.host.replies.error(
        conn,
        "BINARY_NOT_SUPPORTED",
        "frames are JSON text; binary frames are accepted on tradewire.v1.msgpack sockets only",
      );
      return;
    }
    // A MessagePack socket reads JSON text frames too: both decode to the same envelope.
    const frame =
      isBinary && decode !== undefined
        ? parseBinary(data, decode)
        : parseInbound(frameText(data));
    // Every frame costs a token, a malformed one too: a flood of garbage is still a flood.
    const limited = !conn.bucket.take();
    if (frame.kind === "invalid") this.refuse(conn, frame, limited);
    else if (limited) this.rateLimited(conn, frame);
    else if (frame.kind === "ping") this.answerPing(conn, frame);
    else this.route(conn, frame);
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

  private refuse(
    conn: WsConnection,
    frame: InvalidFrame,
    limited: boolean,
  ): void {
    this.host.metrics.messagesIn.inc({ channel: "invalid" });
    this.host.replies.error(
      conn,
      limited ? "RATE_LIMITED" : frame.code,
      limited ? this.rateMessage() : frame.message,
      frame.type,
      frame.id,
    );
  }

  private rateLimited(conn: WsConnection, frame: PingFrame | RouteFrame): void {
    this.host.metrics.messagesIn.inc({ channel: "invalid" });
    this.host.replies.error(
      conn,
      "RATE_LIMITED",
      this.rateMessage(),
      requestTypeOf(frame),
      frame.id,
    );
  }

  private answerPing(conn: WsConnection, frame: PingFrame): void {
    this.host.metrics.messagesIn.inc({ channel: "system" });
    const checked = validatePing(frame.payload);
    if (checked.ok)
      this.host.replies.pong(
        conn,
        checked.value.t,
        this.host.clock.now(),
        frame.id,
      );
    else
      this.host.replies.error(
        conn,
        "INVALID_PARAMS",
        `invalid ping: payload${checked.message}`,
        "ping",
        frame.id,
      );
  }

  private route(conn: WsConnection, frame: RouteFrame): void {
    const { metrics, replies, routers } = this.host;
    const router = routers.get(frame.route);
    const subscription =
      frame.action === "subscribe" || frame.action === "unsubscribe";
    if (!subscription && !router?.actions.has(frame.action)) {
      this.unknownType(conn, frame);
      return;
    }
    if (!router) {
      this.unknownRoute(conn, frame);
      return;
    }
    metrics.messagesIn.inc({ channel: frame.route });
    if (frame.action === "unsubscribe") {
      router.unsubscribe(conn, frame.payload, frame.id);
      return;
    }
    if (!subscription) {
      this.act(conn, router, frame);
      return;
    }
    router.subscribe(conn, frame.payload, frame.id).catch((err: unknown) => {
      this.host.log.error(
        { err, connectionId: conn.id, route: frame.route },
        "subscribe failed",
      );
      replies.error(
        conn,
        "INTERNAL_ERROR",
        "the subscribe could not be processed",
        requestTypeOf(frame),
        frame.id,
      );
    });
  }

  private unknownRoute(conn: WsConnection, frame: RouteFrame): void {
    this.host.metrics.messagesIn.inc({ channel: "invalid" });
    const known = [...this.host.routers.keys()].join(", ");
    this.host.replies.error(
      conn,
      "UNKNOWN_ROUTE",
      `no route ${JSON.stringify(frame.route)}; routes: ${known}`,
      requestTypeOf(frame),
      frame.id,
    );
  }

  private unknownType(conn: WsConnection, frame: RouteFrame): void {
    this.host.metrics.messagesIn.inc({ channel: "invalid" });
    this.host.replies.error(
      conn,
      "UNKNOWN_TYPE",
      `unknown message type ${JSON.stringify(requestTypeOf(frame))}`,
      requestTypeOf(frame),
      frame.id,
    );
  }

  /** A channel action: answered by the router, or with INTERNAL_ERROR if the service threw. */
  private act(
    conn: WsConnection,
    router: RouteHandler,
    frame: RouteFrame,
  ): void {
    router.actions
      .run(conn, frame.action, frame.payload, frame.id)
      .catch((err: unknown) => {
        this.host.log.error(
          { err, connectionId: conn.id, route: frame.route },
          "action failed",
        );
        this.host.replies.error(
          conn,
          "INTERNAL_ERROR",
          "the request could not be processed",
          requestTypeOf(frame),
          frame.id,
        );
      });
  }

  private rateMessage(): string {
    const { messagesPerSecond, messageBurst } = this.host.limits;
    return `more than ${messagesPerSecond} messages per second (burst ${messageBurst}); the frame was dropped`;
  }
}

function requestTypeOf(frame: PingFrame | RouteFrame): string {
  return frame.kind === "ping" ? "ping" : `${frame.route}.${frame.action}`;
}
