import http from "node:http";
import type { Duplex } from "node:stream";

/** What went through the proxy: forwarded requests by method and path, refused tunnels and upgrades. */
export interface ProxyLog {
  readonly forwarded: string[];
  readonly refused: string[];
}

export interface BlockingProxy {
  readonly log: ProxyLog;
  close(): Promise<void>;
}

/**
 * A forward HTTP proxy of the kind that breaks WebSockets: it forwards ordinary requests to
 * 127.0.0.1 (bodies
 * streamed both ways, so a Server-Sent Events response flows as it is written) and refuses every
 * CONNECT tunnel and every `Upgrade` with 403. Chromium sends a `ws://` handshake through an HTTP
 * proxy as a CONNECT tunnel, so that is where the WebSocket dies.
 */
export async function startBlockingProxy(port: number): Promise<BlockingProxy> {
  const log: ProxyLog = { forwarded: [], refused: [] };
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? "/");
    // The stack under test only: Chromium's own background requests go nowhere.
    if (target.hostname !== "127.0.0.1") {
      log.refused.push(`${req.method} ${target.host}`);
      res.writeHead(403).end();
      return;
    }
    log.forwarded.push(`${req.method} ${target.pathname}`);
    const headers = { ...req.headers };
    delete headers["proxy-connection"];
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    res.on("close", () => forward.destroy());
    req.pipe(forward);
  });
  const refuse =
    (what: string) => (req: http.IncomingMessage, socket: Duplex) => {
      log.refused.push(`${what} ${req.url ?? ""}`);
      socket.end(
        "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
      );
    };
  server.on("connect", refuse("CONNECT"));
  server.on("upgrade", refuse("UPGRADE"));
  await new Promise<void>((resolve) =>
    server.listen(port, "127.0.0.1", resolve),
  );
  return {
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
