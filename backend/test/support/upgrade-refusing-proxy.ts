import http from "node:http";
import type { AddressInfo } from "node:net";

export interface UpgradeRefusingProxy {
  readonly url: string;
  /** WebSocket upgrades refused so far. */
  readonly refusedUpgrades: number;
  /** Cut every connection through it, as a network blip does. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of `target` that forwards ordinary HTTP (streamed both ways, so an
 * event stream flows through) and refuses every WebSocket upgrade with 403, as corporate proxies
 * that do not speak WebSocket do.
 */
export async function startUpgradeRefusingProxy(
  target: string,
): Promise<UpgradeRefusingProxy> {
  const upstream = new URL(target);
  let refused = 0;
  const server = http.createServer((req, res) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
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
  server.on("upgrade", (_req, socket) => {
    refused += 1;
    socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refusedUpgrades() {
      return refused;
    },
    dropConnections: () => server.closeAllConnections(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
