import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../auth/jwt";
import { socketToken } from "../auth/request-token";
import { REST_ROUTES } from "../generated/rest-routes";
import { restRoute } from "../http/rest-route";
import type { PeerInfo, WsGateway } from "../ws";
import { credentialsOf } from "./fastify-ws";
import { SseSessions } from "./sse-sessions";
import { SseSocket, sseCodec } from "./sse-socket";
import { addressKey, originAllowed } from "./upgrade-checks";

export const SSE_PATH = "/api/v1/sse";

/** How often an idle stream gets a comment line; proxies commonly time out after 30-60 s. */
const KEEP_ALIVE_MS = 15_000;

const FORBIDDEN_ORIGIN = {
  code: "FORBIDDEN",
  message:
    "this origin may not use the event stream: it is neither the page's own nor in ALLOWED_ORIGINS",
} as const;

/**
 * The fallback transport: the realtime core over Server-Sent Events (`GET /api/v1/sse`) plus
 * POSTed client frames, for networks whose proxies refuse WebSocket upgrades. Same credentials,
 * Origin check, caps, rate bucket, frame size, budget and liveness as the socket: only the
 * carrier differs.
 */
export function mountSse(
  app: FastifyInstance,
  gateway: WsGateway,
  auth: JwtAuth,
  allowedOrigins: readonly string[],
): void {
  const sessions = new SseSessions();
  const allowed = new Set(allowedOrigins);
  const timer = setInterval(() => sessions.keepAlive(), KEEP_ALIVE_MS).unref();
  app.addHook("onClose", () => {
    clearInterval(timer);
    return Promise.resolve();
  });
  const origin = (req: FastifyRequest): boolean =>
    originAllowed(req.headers.origin, req, allowed);

  app.route({
    ...REST_ROUTES.openRealtimeStream,
    handler: async (req, reply) => {
      if (!origin(req)) {
        gateway.metrics.errors.inc({ code: "FORBIDDEN" });
        return reply.code(403).send(FORBIDDEN_ORIGIN);
      }
      const credentials = await credentialsOf(req, auth, gateway);
      const socket = openStream(req, reply);
      if (socket === null) return;
      const conn = gateway.accept(socket, credentials, peerOf(req), sseCodec);
      if (!conn) return;
      const session = sessions.open(
        conn,
        socket,
        addressKey(req.ip),
        socketToken(req),
      );
      socket.writeEvent(
        `event: open\ndata: ${JSON.stringify({ session: session.id })}\n\n`,
      );
      req.log.debug(
        { connectionId: conn.id, accountId: conn.accountId },
        "event stream opened",
      );
      const release = (): void => {
        sessions.remove(session.id);
        gateway.onClose(conn);
        req.log.debug({ connectionId: conn.id }, "event stream closed");
      };
      // A client gone while its token was checked has closed the response already.
      if (reply.raw.destroyed) release();
      else reply.raw.once("close", release);
    },
  });

  restRoute(
    app,
    "postRealtimeFrames",
    ({ params, body, request }) => {
      if (!origin(request)) return { status: 403, body: FORBIDDEN_ORIGIN };
      const found = sessions.find(
        params.session,
        addressKey(request.ip),
        socketToken(request),
      );
      if (!found.ok) return refusal(found.status, found.message);
      const frames: readonly unknown[] = Array.isArray(body) ? body : [body];
      // Each envelope is one frame to the core: its rate bucket, parsing and answers, in order.
      for (const frame of frames)
        gateway.onMessage(
          found.session.conn,
          Buffer.from(JSON.stringify(frame)),
          false,
        );
      return { status: 202, body: { accepted: frames.length } };
    },
    { bodyLimit: gateway.limits.maxFrameBytes },
  );

  restRoute(
    app,
    "postRealtimePong",
    ({ params, body, request }) => {
      if (!origin(request)) return { status: 403, body: FORBIDDEN_ORIGIN };
      const found = sessions.find(
        params.session,
        addressKey(request.ip),
        socketToken(request),
      );
      if (!found.ok) return refusal(found.status, found.message);
      gateway.onPong(found.session.conn, Buffer.from(body.data, "hex"));
      return { status: 204 };
    },
    { bodyLimit: gateway.limits.maxFrameBytes },
  );
}

function refusal(status: 403 | 404, message: string) {
  return {
    status,
    body: { code: status === 403 ? "FORBIDDEN" : "NOT_FOUND", message },
  } as const;
}

/**
 * Take the response over and start the stream; null for HEAD, which gets the headers alone. The
 * headers keep proxies from caching, transforming or buffering it.
 */
function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
): SseSocket | null {
  reply.hijack();
  const res = reply.raw;
  // Gone while its token was checked: nothing to open.
  if (res.destroyed) return null;
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = value;
  res.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    "x-accel-buffering": "no",
  });
  if (req.method === "HEAD") {
    res.end();
    return null;
  }
  // A stream lives as long as the client keeps it: no idle timeout of the server's applies.
  req.raw.socket.setTimeout(0);
  res.write(": tradewire realtime\n\n");
  return new SseSocket(res);
}

function peerOf(req: FastifyRequest): PeerInfo {
  const tcp = req.raw.socket;
  return {
    address: addressKey(req.ip),
    requestId: req.id,
    transport: "sse",
    // As for the socket: what the kernel has taken grows only as the peer reads.
    consumedBytes: () => tcp.bytesWritten - tcp.writableLength,
  };
}
