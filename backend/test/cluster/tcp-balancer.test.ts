import { createServer, request, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ManualClock,
  startTestBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "../../src/testing";
import { startTcpBalancer, type TcpBalancer } from "../../src/testing";
import { TestSocket } from "../support/test-socket";

/** An HTTP server that answers every request with its name. */
async function namedServer(
  name: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => res.end(name));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address ? address.port : 0,
  };
}

/** A port nothing listens on (a stopped instance). */
async function deadPort(): Promise<number> {
  const { server, port } = await namedServer("gone");
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** GET / on a connection of its own (no keep-alive: each request is a new TCP connection). */
function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/", agent: false },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("the TCP balancer", () => {
  const servers: Server[] = [];
  const balancers: TcpBalancer[] = [];
  let a = 0;
  let b = 0;
  const balance = async (backends: string[]) => {
    const balancer = await startTcpBalancer({ backends });
    balancers.push(balancer);
    return balancer;
  };

  beforeAll(async () => {
    const first = await namedServer("a");
    const second = await namedServer("b");
    servers.push(first.server, second.server);
    a = first.port;
    b = second.port;
  });
  afterAll(async () => {
    await Promise.all(balancers.map((x) => x.close()));
    for (const s of servers) s.close();
  });

  it("sends each new connection to the next backend in turn", async () => {
    const balancer = await balance([`127.0.0.1:${a}`, `127.0.0.1:${b}`]);
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await get(balancer.port));
    expect(answers).toEqual(["a", "b", "a", "b"]);
  });

  it("skips a backend that refuses the connection", async () => {
    const gone = await deadPort();
    const balancer = await balance([
      `127.0.0.1:${gone}`,
      `http://127.0.0.1:${a}`,
    ]);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push(await get(balancer.port));
    expect(answers).toEqual(["a", "a", "a"]);
  });

  it("closes the client's connection when every backend refuses", async () => {
    const balancer = await balance([`127.0.0.1:${await deadPort()}`]);
    await expect(get(balancer.port)).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
  });

  it("refuses new connections after a cut and serves again after restore", async () => {
    const balancer = await balance([`127.0.0.1:${a}`]);
    await balancer.cut();
    await expect(get(balancer.port)).rejects.toThrow(/ECONNREFUSED/);
    await balancer.restore();
    expect(await get(balancer.port)).toBe("a");
  });

  it("refuses a backend that is not host:port", async () => {
    await expect(startTcpBalancer({ backends: ["nowhere"] })).rejects.toThrow(
      /bad backend nowhere/,
    );
    await expect(startTcpBalancer({ backends: [] })).rejects.toThrow(
      /a backend/,
    );
  });

  describe("in front of a real Tradewire server", () => {
    let backend: TestBackend;
    let balancer: TcpBalancer;

    beforeAll(async () => {
      backend = await startTestBackend(new ManualClock(WEDNESDAY_10AM_NY));
      const port = new URL(backend.httpUrl).port;
      balancer = await balance([
        `127.0.0.1:${await deadPort()}`,
        `127.0.0.1:${port}`,
      ]);
    });
    afterAll(() => backend.app.close());

    it("passes REST and a WebSocket upgrade through unchanged", async () => {
      const res = await fetch(`http://${balancer.address}/health`);
      expect(res.status).toBe(200);
      const socket = await TestSocket.open(
        `ws://${balancer.address}/api/v1/ws`,
      );
      try {
        expect((await socket.ping()).payload).toMatchObject({ t: 42 });
        const quote = await socket.subscribe("quotes", { symbols: ["AAPL"] });
        expect(quote.payload.status).toBe("ok");
        expect(balancer.liveConnections()).toBeGreaterThanOrEqual(1);
      } finally {
        socket.close();
      }
    });

    it("a cut drops the live WebSocket, as a lost backend would", async () => {
      const socket = await TestSocket.open(
        `ws://${balancer.address}/api/v1/ws`,
      );
      await socket.ping();
      await balancer.cut();
      expect((await socket.closed).code).toBe(1006);
      await balancer.restore();
    });
  });
});
