import { connect, createServer, type Server, type Socket } from "node:net";

const CONNECT_TIMEOUT_MS = 2_000;

export interface Backend {
  readonly host: string;
  readonly port: number;
}

export interface TcpBalancerOptions {
  /** Where to send connections, in round-robin order: `host:port` or `http://host:port`. */
  readonly backends: readonly (string | Backend)[];
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly host?: string;
}

export interface TcpBalancer {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  /** Connections being forwarded now. */
  liveConnections(): number;
  /**
   * Take the service away: stop listening (new connections are refused) and destroy every live
   * connection, as a crashed server or a cut network would.
   */
  cut(): Promise<void>;
  /** Listen again on the same port after `cut`. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A layer-4 load balancer for tests and `make cluster`: each new connection goes to the next
 * backend in turn, skipping those that refuse it; bytes are forwarded untouched, so WebSocket
 * upgrades and REST pass as they are, and nothing is sticky (a reconnect may land anywhere).
 */
export async function startTcpBalancer(
  options: TcpBalancerOptions,
): Promise<TcpBalancer> {
  const backends = options.backends.map(parseBackend);
  if (backends.length === 0) throw new Error("a balancer needs a backend");
  const host = options.host ?? "127.0.0.1";
  const clients = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let next = 0;

  const forward = (client: Socket): void => {
    // Hold what the client sends until a backend has accepted; the stream buffers it meanwhile.
    client.pause();
    clients.add(client);
    client.once("close", () => clients.delete(client));
    client.on("error", () => client.destroy());
    const first = next;
    next = (next + 1) % backends.length;
    const attempt = (tried: number): void => {
      if (tried === backends.length || client.destroyed) {
        client.destroy();
        return;
      }
      const target = backends[(first + tried) % backends.length] as Backend;
      const upstream = connect(target.port, target.host);
      // A backend that neither accepts nor refuses (a hung host) counts as refusing.
      upstream.setTimeout(CONNECT_TIMEOUT_MS, () =>
        upstream.destroy(new Error("connect timeout")),
      );
      upstream.once("error", () => {
        upstream.destroy();
        attempt(tried + 1);
      });
      upstream.once("connect", () => {
        upstream.setTimeout(0);
        upstream.removeAllListeners("error");
        if (client.destroyed) {
          upstream.destroy();
          return;
        }
        upstreams.add(upstream);
        upstream.once("close", () => {
          upstreams.delete(upstream);
          client.destroy();
        });
        client.once("close", () => upstream.destroy());
        upstream.on("error", () => upstream.destroy());
        upstream.pipe(client);
        client.pipe(upstream);
        client.resume();
      });
    };
    attempt(0);
  };

  let server: Server = createServer(forward);
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const port = await listen(options.port ?? 0);
  const cut = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) =>
      server.close(() => resolve()),
    );
    for (const socket of [...clients, ...upstreams]) socket.destroy();
    await closed;
  };
  return {
    address: `${host}:${port}`,
    port,
    liveConnections: () => clients.size,
    cut,
    restore: async () => {
      server = createServer(forward);
      await listen(port);
    },
    close: async () => {
      if (server.listening) await cut();
    },
  };
}

function parseBackend(backend: string | Backend): Backend {
  if (typeof backend !== "string") return backend;
  const url = new URL(backend.includes("://") ? backend : `tcp://${backend}`);
  const port = Number(url.port);
  if (!url.hostname || !Number.isInteger(port) || port <= 0)
    throw new Error(`bad backend ${backend}: expected host:port`);
  return { host: url.hostname.replace(/^\[|\]$/g, ""), port };
}
