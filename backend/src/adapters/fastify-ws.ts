import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { JwtAuth } from "../auth/jwt";
import { requestToken } from "../auth/request-token";
import type { ConnectionCredentials, WsGateway } from "../ws/gateway";

export const WS_PATH = "/api/v1/ws";

declare module "fastify" {
  interface FastifyRequest {
    wsCredentials: ConnectionCredentials | null;
  }
}

/**
 * Mount the gateway on Fastify at /api/v1/ws. The token is checked before the upgrade, but a bad
 * one is reported after it, as close code 4001: a browser cannot read an HTTP status from a
 * refused upgrade, only a close code.
 */
export async function mountWebSocket(
  app: FastifyInstance,
  gateway: WsGateway,
  auth: JwtAuth,
): Promise<void> {
  await app.register(websocket, {
    options: { maxPayload: gateway.limits.maxFrameBytes },
  });
  app.decorateRequest("wsCredentials", null);
  app.get(
    WS_PATH,
    {
      websocket: true,
      preValidation: async (req: FastifyRequest) => {
        req.wsCredentials = await credentialsOf(req, auth);
      },
    },
    (socket, req) => {
      const conn = gateway.accept(
        socket,
        req.wsCredentials ?? { kind: "invalid" },
      );
      if (!conn) return;
      socket.on("message", (data, isBinary) =>
        gateway.onMessage(conn, data, isBinary),
      );
      socket.on("pong", () => gateway.onPong(conn));
      socket.on("close", () => gateway.onClose(conn));
      socket.on("error", (err) => req.log.debug({ err }, "websocket error"));
    },
  );
}

async function credentialsOf(
  req: FastifyRequest,
  auth: JwtAuth,
): Promise<ConnectionCredentials> {
  const token = requestToken(req);
  if (token === null) return { kind: "anonymous" };
  try {
    return { kind: "authenticated", auth: await auth.verify(token) };
  } catch {
    return { kind: "invalid" };
  }
}
