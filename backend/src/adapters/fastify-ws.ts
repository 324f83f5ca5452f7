import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../auth/jwt";
import { socketToken } from "../auth/request-token";
import type { ConnectionCredentials, WsGateway } from "../ws";
import type { PeerInfo } from "../ws";
import { instanceHeaderSafe } from "../http/instance-header";
import { addressKey, originAllowed } from "./upgrade-checks";
import { hasSendFrame, wsFrames } from "./ws-frames";
import { deflateFrames, perMessageDeflateOptions } from "./ws-deflate";
import { DEFAULT_WS_DEFLATE, type WsDeflateConfig } from "./ws-deflate-config";
import {
  chooseProtocol,
  codecFor,
  offeredProtocols,
  socketCodecs,
  SUPPORTED_PROTOCOLS,
  unsupportedProtocolBody,
} from "./ws-protocols";

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
  deflate: WsDeflateConfig = DEFAULT_WS_DEFLATE,
): Promise<void> {
  // Compressed frames are built once per update and written with ws's sender (ws-deflate.ts).
  const deflating = deflate.enabled && hasSendFrame;
  await app.register(websocket, {
    options: {
      maxPayload: gateway.limits.maxFrameBytes,
      perMessageDeflate: deflating ? perMessageDeflateOptions(deflate) : false,
      // The client's first supported subprotocol; none offered is v1 JSON (see ws-protocols.ts).
      handleProtocols: (offered) => chooseProtocol(offered) ?? false,
      // Pongs to the peer's pings are written by the gateway, within the socket's rate and budget.
      autoPong: false,
    },
  });
  const codecs = socketCodecs(wsFrames, deflateFrames(deflate));
  gateway.defaultCodec = codecs.json;
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
        const offered = offeredProtocols(req.headers["sec-websocket-protocol"]);
        if (chooseProtocol(offered) === undefined) {
          gateway.metrics.errors.inc({ code: "UNSUPPORTED_PROTOCOL" });
          return reply
            .code(400)
            .header("X-Tradewire-Protocols", SUPPORTED_PROTOCOLS.join(", "))
            .send(unsupportedProtocolBody(offered));
        }
        req.wsCredentials = await credentialsOf(req, auth, gateway);
      },
    },
    (socket, req) => {
      const deflated = socket.extensions.includes("permessage-deflate");
      const conn = gateway.accept(
        socket,
        req.wsCredentials ?? { kind: "invalid" },
        peerOf(req),
        codecFor(codecs, socket.protocol, deflated),
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
async function credentialsOf(
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
