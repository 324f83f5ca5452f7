import websocket from "@fastify/websocket";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
} from "fastify";
import type { Socket } from "node:net";
import type { RawData, WebSocket } from "ws";
import type { JwtAuth } from "../auth/jwt";
import { socketToken } from "../auth/request-token";
import type { ConnectionCredentials, PeerInfo, WsGateway } from "../ws";
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
import { TradewireSocket } from "./ws-socket";

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
      // Sockets with cork/uncork and a slot for their connection (ws-socket.ts). The plugin's
      // types want ws's module object here, not a subclass; ws itself takes any subclass.
      WebSocket: TradewireSocket as never,
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
  const listeners = socketListeners(gateway, app.log);
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
      const ws = socket as TradewireSocket;
      const conn = gateway.accept(
        ws,
        req.wsCredentials ?? { kind: "invalid" },
        new TcpPeer(addressKey(req.ip), req.id, req.raw.socket),
        codecFor(codecs, socket.protocol, deflated),
      );
      if (!conn) return;
      // The upgrade request's logger already carries its requestId; adding the connection id
      // ties the socket's few lines (open, error, close) to it. Nothing is logged per frame.
      req.log.debug(
        { connectionId: conn.id, accountId: conn.accountId },
        "websocket opened",
      );
      ws.conn = conn;
      listen(ws, req, listeners);
    },
  );
}

/**
 * The client address (Fastify's `req.ip`, which follows its trustProxy setting) and TCP progress,
 * as one small object: a closure here would keep the upgrade's request alive.
 */
class TcpPeer implements PeerInfo {
  constructor(
    readonly address: string,
    readonly requestId: string,
    private readonly tcp: Socket,
  ) {}

  /** Written minus still buffered: what the kernel has taken, which grows only as the peer reads. */
  consumedBytes(): number {
    return this.tcp.bytesWritten - this.tcp.writableLength;
  }
}

/** Listeners shared by every socket; `this` is the socket that emitted the event. */
interface SocketListeners {
  readonly message: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  readonly ping: (this: WebSocket, data: Buffer) => void;
  readonly pong: (this: WebSocket, data: Buffer) => void;
  readonly close: (this: WebSocket, code: number) => void;
  readonly error: (this: WebSocket, err: Error) => void;
}

/**
 * One set of listeners for every socket, reading the socket's connection from `this`: closures
 * per socket would cost memory, and any of them (or @fastify/websocket's own error listener)
 * would keep the whole upgrade request and reply alive as long as the socket. Log lines carry the
 * request's id as the request's own logger would.
 */
function socketListeners(
  gateway: WsGateway,
  log: FastifyBaseLogger,
): SocketListeners {
  const connOf = (ws: WebSocket) =>
    (ws as TradewireSocket).conn as NonNullable<TradewireSocket["conn"]>;
  return {
    message(this: WebSocket, data: RawData, isBinary: boolean): void {
      gateway.onMessage(connOf(this), data, isBinary);
    },
    ping(this: WebSocket, data: Buffer): void {
      gateway.onPing(connOf(this), data);
    },
    pong(this: WebSocket, data: Buffer): void {
      gateway.onPong(connOf(this), data);
    },
    close(this: WebSocket, code: number): void {
      const conn = connOf(this);
      gateway.onClose(conn);
      log.debug(
        { requestId: conn.requestId, connectionId: conn.id, code },
        "websocket closed",
      );
    },
    // What @fastify/websocket's error listener did (log, terminate), without holding the request.
    error(this: WebSocket, err: Error): void {
      const conn = connOf(this);
      log.error(
        { err, requestId: conn.requestId, connectionId: conn.id },
        "websocket error",
      );
      this.terminate();
    },
  };
}

/**
 * Attach the shared listeners and let go of the upgrade: @fastify/websocket's error listener
 * (its closure holds the request and reply) is replaced by ours, and the TCP socket forgets the
 * upgrade's ServerResponse, which holds the request too.
 */
function listen(
  ws: TradewireSocket,
  req: FastifyRequest,
  on: SocketListeners,
): void {
  ws.removeAllListeners("error");
  ws.on("message", on.message);
  ws.on("ping", on.ping);
  ws.on("pong", on.pong);
  ws.on("close", on.close);
  ws.on("error", on.error);
  const tcp = req.raw.socket as Socket & {
    _httpMessage?: { detachSocket(socket: Socket): void } | null;
  };
  tcp._httpMessage?.detachSocket(tcp);
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
