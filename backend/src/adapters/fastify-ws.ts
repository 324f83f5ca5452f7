import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../auth/jwt";
import { socketToken } from "../auth/request-token";
import { jsonCodec, type ConnectionCredentials, type WsGateway } from "../ws";
import type { PeerInfo } from "../ws";
import { instanceHeaderSafe } from "../http/instance-header";
import { addressKey, originAllowed } from "./upgrade-checks";
import { wsFrames } from "./ws-frames";

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
  gateway.defaultCodec = jsonCodec(wsFrames);
  // ws writes the 101 itself, past Fastify's reply headers: name the instance on it here.
  const instance = gateway.instanceId;
  if (instance !== undefined && instanceHeaderSafe(instance))
    app.websocketServer.on("headers", (headers: string[]) => {
      headers.push(`X-Tradewire-Instance: ${instance}`);
    });
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
        req.wsCredentials = await credentialsOf(req, auth, gateway);
      },
    },
    (socket, req) => {
      const conn = gateway.accept(
        socket,
        req.wsCredentials ?? { kind: "invalid" },
        peerOf(req),
      );
      if (!conn) return;
      // The upgrade request's logger already carries its requestId; adding the connection id
      // ties the socket's few lines (open, error, close) to it. Nothing is logged per frame.
      const connectionId = conn.id;
      req.log.debug(
        { connectionId, accountId: conn.accountId },
        "websocket opened",
      );
      socket.on("message", (data, isBinary) =>
        gateway.onMessage(conn, data, isBinary),
      );
      socket.on("ping", (data) => gateway.onPing(conn, data));
      socket.on("pong", (data) => gateway.onPong(conn, data));
      socket.on("close", (code) => {
        gateway.onClose(conn);
        req.log.debug({ connectionId, code }, "websocket closed");
      });
      socket.on("error", (err) =>
        req.log.debug({ err, connectionId }, "websocket error"),
      );
    },
  );
}

/** The client address (Fastify's `req.ip`, which follows its trustProxy setting) and TCP progress. */
function peerOf(req: FastifyRequest): PeerInfo {
  const tcp = req.raw.socket;
  return {
    address: addressKey(req.ip),
    requestId: req.id,
    // Written minus still buffered: what the kernel has taken, which grows only as the peer reads.
    consumedBytes: () => tcp.bytesWritten - tcp.writableLength,
  };
}

/** A valid token whose session has ended (its user or account removed) is as good as invalid. */
export async function credentialsOf(
  req: FastifyRequest,
  auth: JwtAuth,
  gateway: WsGateway,
): Promise<ConnectionCredentials> {
  const token = socketToken(req);
  if (token === null) return { kind: "anonymous" };
  try {
    const verified = await auth.verify(token);
    return (await gateway.sessionActive(verified))
      ? { kind: "authenticated", auth: verified }
      : { kind: "invalid" };
  } catch {
    return { kind: "invalid" };
  }
}
