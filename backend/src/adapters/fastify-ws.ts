import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { WebSocket } from "ws";
import type { JwtAuth } from "../auth/jwt";
import { socketToken } from "../auth/request-token";
import type { ConnectionCredentials, WsGateway } from "../ws/gateway";
import {
  TEXT_FRAME,
  textFrames,
  type CoreSocket,
  type FrameEncoder,
  type PeerInfo,
  type PreparedFrame,
} from "../ws/socket";
import { addressKey, originAllowed } from "./upgrade-checks";

export const WS_PATH = "/api/v1/ws";

declare module "fastify" {
  interface FastifyRequest {
    wsCredentials: ConnectionCredentials | null;
  }
}

/**
 * Mount the gateway on Fastify at /api/v1/ws. A browser page of another origin is refused with
 * 403 before the upgrade (see upgrade-checks.ts), so not a byte of the socket flows to it. The
 * token is checked before the upgrade too, but a bad one is reported after it, as close code
 * 4001: a browser cannot read an HTTP status from a refused upgrade, only a close code.
 */
export async function mountWebSocket(
  app: FastifyInstance,
  gateway: WsGateway,
  auth: JwtAuth,
  allowedOrigins: readonly string[],
): Promise<void> {
  await app.register(websocket, {
    options: {
      maxPayload: gateway.limits.maxFrameBytes,
      // No permessage-deflate (ws's default, kept explicit): prepared frames are sent uncompressed.
      perMessageDeflate: false,
      // Pongs to the peer's pings are written by the gateway, within the socket's rate and budget.
      autoPong: false,
    },
  });
  gateway.useFrameEncoder(wsFrames);
  app.decorateRequest("wsCredentials", null);
  const allowed = new Set(allowedOrigins);
  app.get(
    WS_PATH,
    {
      websocket: true,
      preValidation: async (req: FastifyRequest, reply: FastifyReply) => {
        if (!originAllowed(req.headers.origin, req, allowed)) {
          gateway.metrics.errors.inc({ code: "FORBIDDEN" });
          return reply.code(403).send({
            code: "FORBIDDEN",
            message:
              "this origin may not open the socket: it is neither the page's own nor in ALLOWED_ORIGINS",
          });
        }
        req.wsCredentials = await credentialsOf(req, auth);
      },
    },
    (socket, req) => {
      const conn = gateway.accept(
        socket,
        req.wsCredentials ?? { kind: "invalid" },
        peerOf(req),
      );
      if (!conn) return;
      socket.on("message", (data, isBinary) =>
        gateway.onMessage(conn, data, isBinary),
      );
      socket.on("ping", (data) => gateway.onPing(conn, data));
      socket.on("pong", (data) => gateway.onPong(conn, data));
      socket.on("close", () => gateway.onClose(conn));
      socket.on("error", (err) => req.log.debug({ err }, "websocket error"));
    },
  );
}

/** The client address (Fastify's `req.ip`, which follows its trustProxy setting) and TCP progress. */
function peerOf(req: FastifyRequest): PeerInfo {
  const tcp = req.raw.socket;
  return {
    address: addressKey(req.ip),
    // Written minus still buffered: what the kernel has taken, which grows only as the peer reads.
    consumedBytes: () => tcp.bytesWritten - tcp.writableLength,
  };
}

async function credentialsOf(
  req: FastifyRequest,
  auth: JwtAuth,
): Promise<ConnectionCredentials> {
  const token = socketToken(req);
  if (token === null) return { kind: "anonymous" };
  try {
    return { kind: "authenticated", auth: await auth.verify(token) };
  } catch {
    return { kind: "invalid" };
  }
}

/** The parts of `ws` the frame encoder uses that its public API and types do not expose. */
interface WsFraming {
  frame(
    data: Buffer,
    options: {
      fin: boolean;
      rsv1: boolean;
      opcode: number;
      mask: boolean;
      readOnly: boolean;
    },
  ): Buffer[];
}
interface WsSocketInternals {
  readonly readyState: number;
  readonly _sender: {
    readonly _state: number;
    sendFrame(list: readonly Buffer[]): void;
  };
}

const OPCODE_TEXT = 1;
/** The sender's state when it is not compressing or reading a Blob: nothing is queued in it. */
const SENDER_IDLE = 0;
const framing = (
  WebSocket as unknown as {
    Sender?: Partial<WsFraming> & { prototype?: { sendFrame?: unknown } };
  }
).Sender;

/**
 * A whole WebSocket frame, header and payload in one buffer, built once per update and handed to
 * each socket's sender as is: one plain write per socket, without the re-framing, option objects,
 * checks and two-chunk corked write of `ws.send` (the broadcast technique `ws` documents, and the
 * one Socket.IO uses).
 */
class WsFrame implements PreparedFrame {
  private readonly wire: readonly Buffer[];
  readonly byteLength: number;

  constructor(
    framing: WsFraming,
    private readonly text: Buffer,
  ) {
    const parts = framing.frame(text, {
      fin: true,
      rsv1: false,
      opcode: OPCODE_TEXT,
      mask: false,
      readOnly: false,
    });
    const whole =
      parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    this.wire = [whole];
    this.byteLength = whole.length;
  }

  write(socket: CoreSocket): void {
    const ws = socket as unknown as WsSocketInternals;
    if (ws.readyState === WebSocket.OPEN && ws._sender._state === SENDER_IDLE)
      ws._sender.sendFrame(this.wire);
    // Closing, or something queued in the sender: ws.send keeps order and state right.
    else socket.send(this.text, TEXT_FRAME);
  }
}

/** Frames prepared once with `ws`'s own framing; plain sends if this `ws` lacks it. */
export const wsFrames: FrameEncoder =
  typeof framing?.frame === "function" &&
  typeof framing.prototype?.sendFrame === "function"
    ? { prepare: (text) => new WsFrame(framing as WsFraming, text) }
    : textFrames;
