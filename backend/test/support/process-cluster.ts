import { expect } from "vitest";
import type { Cluster } from "../../src/testing";
import { parseSamples, scrape } from "./metrics-text";
import { TestSocket, until, type Frame } from "./test-socket";

/** What instances of a process cluster the tests talk to, by index. */
export function processCluster(cluster: () => Cluster) {
  const address = (i: number): string => {
    const found = cluster().addresses()[i];
    if (!found) throw new Error(`no instance ${i}`);
    return found;
  };
  const wsUrl = (i: number): string =>
    `${address(i).replace(/^http/, "ws")}/api/v1/ws`;

  /** Whether instance `i` reports itself leader on /metrics; null when it does not answer. */
  const leads = async (i: number): Promise<boolean | null> => {
    try {
      const samples = parseSamples(await scrape(address(i)));
      return samples.some(
        (s) => s.name === "tradewire_cluster_leader" && s.value === 1,
      );
    } catch {
      return null;
    }
  };

  return {
    address,
    wsUrl,
    leads,
    /** The index of the one leader among `among`, once exactly one of them says it leads. */
    async leader(
      among: readonly number[],
      timeoutMs = 20_000,
    ): Promise<number> {
      let found = -1;
      await until(
        async () => {
          const states = await Promise.all(among.map((i) => leads(i)));
          const leaders = among.filter((_, k) => states[k] === true);
          found = leaders.length === 1 ? (leaders[0] as number) : -1;
          return found >= 0;
        },
        timeoutMs,
        `exactly one leader among instances ${among.join(", ")}`,
      );
      return found;
    },
    async login(i: number, username: string): Promise<string> {
      const res = await fetch(`${address(i)}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: "demo1234" }),
      });
      expect(res.status, `login of ${username} on instance ${i}`).toBe(200);
      return ((await res.json()) as { token: string }).token;
    },
    async rest<T>(
      i: number,
      method: string,
      path: string,
      token: string,
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const res = await fetch(`${address(i)}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : null) as T,
      };
    },
    async socket(i: number, token?: string): Promise<TestSocket> {
      return TestSocket.open(wsUrl(i), token ? { token } : {});
    },
  };
}

/** The payloads of `route`'s updates a socket has received so far, in order. */
export function updatesOf<T>(socket: TestSocket, route: string): T[] {
  return socket.frames
    .filter((f: Frame) => f.type === `${route}.update`)
    .map((f) => f.payload.payload as T);
}
