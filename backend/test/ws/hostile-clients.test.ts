import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { spawnServer } from "../../src/testing";
import { specFetch } from "../support/openapi-conformance";

/**
 * The attack of issue 12, short form (`make bench` runs the long one): anonymous clients that
 * never read, re-subscribe to every quote 45 times a second (each answered with a full snapshot)
 * and send pongs unasked, reconnecting whenever they are dropped. The server is the real one
 * (`src/main.ts`, every module, its own database) in a child process, so its memory is its own.
 */
const ATTACKERS = 40;
const SUBSCRIBES_PER_SECOND = 45;
const ATTACK_MS = 15_000;
const WINDOW_MS = 5_000;
const BUDGET_BYTES = 16 * 1024 * 1024;
/** What the process may grow by under attack: the outbound budget plus room for the sockets' own objects and GC. */
const RSS_ALLOWANCE_BYTES = BUDGET_BYTES + 64 * 1024 * 1024;
const READER_SYMBOLS = ["BTCUSD", "ETHUSD", "SOLUSD"];
const ALL_SYMBOLS = [
  "AAPL", "MSFT", "NVDA", "AMZN", "TSLA", "GOOGL", "META", "NFLX", "JPM", "XOM",
  "EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "USDCAD",
  "BTCUSD", "ETHUSD", "SOLUSD",
]; // prettier-ignore

interface Server {
  child: ChildProcess;
  httpUrl: string;
  wsUrl: string;
}

/**
 * The real server with its own data folder and embedded database (never CI's DATABASE_URL: the
 * claim is about sockets, and a shared database must not gain tables); resolves once it listens.
 */
async function startServer(env: Record<string, string>): Promise<Server> {
  const server = spawnServer({
    dataDir: join(mkdtempSync(join(tmpdir(), "tw-hostile-")), "data"),
    env: { BACKFILL_DAYS: "1", ...env },
  });
  const address = await server.address;
  return {
    child: server.child,
    httpUrl: address,
    wsUrl: `${address.replace(/^http/, "ws")}/api/v1/ws`,
  };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

async function metricOf(httpUrl: string, name: string): Promise<number> {
  const { text } = await specFetch(`${httpUrl}/metrics`);
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.slice(line.lastIndexOf(" ") + 1) ?? NaN);
}

function subscribeFrame(symbols: string[], id: number): string {
  return JSON.stringify({ type: "quotes.subscribe", id, payload: { symbols } });
}

/** A well-behaved client: reads everything and counts the quotes it gets. */
async function reader(
  wsUrl: string,
): Promise<{ ws: WebSocket; count: () => number; closed: () => boolean }> {
  const ws = new WebSocket(wsUrl);
  let count = 0;
  let closed = false;
  ws.on("message", (data: Buffer) => {
    if (data.toString().startsWith('{"type":"quotes.update"')) count += 1;
  });
  ws.on("close", () => (closed = true));
  await new Promise((resolve) => ws.once("open", resolve));
  ws.send(subscribeFrame(READER_SYMBOLS, 1));
  return { ws, count: () => count, closed: () => closed };
}

interface Attacker {
  /** How many times the server dropped it. */
  readonly drops: () => number;
  readonly stop: () => void;
}

/** A hostile client: never reads, re-subscribes in a loop, sends pongs unasked, comes back when dropped. */
function attacker(wsUrl: string, stopped: () => boolean): Attacker {
  let ws: WebSocket | null = null;
  let timer: NodeJS.Timeout | null = null;
  let drops = 0;
  const connect = (): void => {
    if (stopped()) return;
    const socket = new WebSocket(wsUrl);
    ws = socket;
    socket.on("error", () => undefined);
    socket.once("open", () => {
      (socket as unknown as { _socket: Socket })._socket.pause();
      let id = 0;
      timer = setInterval(() => {
        if (socket.readyState !== WebSocket.OPEN) return;
        socket.send(subscribeFrame(ALL_SYMBOLS, ++id));
        if (id % 9 === 0) socket.pong(Buffer.from("still here"));
      }, 1000 / SUBSCRIBES_PER_SECOND);
    });
    socket.once("close", () => {
      if (timer) clearInterval(timer);
      if (stopped()) return;
      drops += 1;
      setTimeout(connect, 100);
    });
  };
  connect();
  return {
    drops: () => drops,
    stop: () => {
      if (timer) clearInterval(timer);
      ws?.terminate();
    },
  };
}

describe("hostile clients (short form)", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({
      WS_HEARTBEAT_MS: "1000",
      WS_MAX_BUFFER_BYTES: String(1024 * 1024),
      WS_MAX_TOTAL_BUFFER_BYTES: String(BUDGET_BYTES),
    });
  }, 60_000);
  afterAll(() => {
    server.child.kill("SIGKILL");
  });

  it("cannot exhaust the server: its memory stays bounded, /health answers, readers keep receiving, the attackers are shed", async () => {
    const readers = await Promise.all(
      [1, 2, 3].map(() => reader(server.wsUrl)),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const baseline = rssOf(server.child.pid as number);
    let stopped = false;
    const attackers = Array.from({ length: ATTACKERS }, () =>
      attacker(server.wsUrl, () => stopped),
    );
    const samples: { rss: number; health: number; outbound: number }[] = [];
    const windows: number[][] = [];
    let windowStart = readers.map((r) => r.count());
    let nextWindow = Date.now() + WINDOW_MS;
    const end = Date.now() + ATTACK_MS;
    while (Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const health = await specFetch(`${server.httpUrl}/health`, {
        signal: AbortSignal.timeout(5000),
      }).then(
        (res) => res.status,
        () => 0,
      );
      samples.push({
        rss: rssOf(server.child.pid as number),
        health,
        outbound: await metricOf(server.httpUrl, "tradewire_ws_outbound_bytes"),
      });
      if (Date.now() >= nextWindow) {
        windows.push(readers.map((r, i) => r.count() - (windowStart[i] ?? 0)));
        windowStart = readers.map((r) => r.count());
        nextWindow += WINDOW_MS;
      }
    }
    const drops = attackers.map((a) => a.drops());
    stopped = true;
    for (const a of attackers) a.stop();

    const peak = Math.max(...samples.map((s) => s.rss));
    console.info(
      `hostile clients: RSS ${(baseline / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB; ` +
        `outbound peak ${(Math.max(...samples.map((s) => s.outbound)) / 2 ** 20).toFixed(1)} MB; ` +
        `reader quotes per ${WINDOW_MS / 1000} s window: ${JSON.stringify(windows)}; ` +
        `attackers dropped ${drops.reduce((a, b) => a + b, 0)} times`,
    );
    expect(samples.every((s) => s.health === 200)).toBe(true);
    expect(peak - baseline).toBeLessThan(RSS_ALLOWANCE_BYTES);
    expect(samples.every((s) => s.outbound <= BUDGET_BYTES)).toBe(true);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const window of windows)
      for (const received of window) expect(received).toBeGreaterThan(0);
    expect(readers.every((r) => !r.closed())).toBe(true);
    // Every attacker was dropped by the server, again and again: none holds on by sending pongs.
    expect(Math.min(...drops)).toBeGreaterThanOrEqual(2);
    for (const r of readers) r.ws.close();
  }, 60_000);
});
