import { connect, type Socket } from "node:net";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  metricTypes,
  parseSamples,
  samplesOf,
  scrape,
  valueOf,
} from "../support/metrics-text";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const REQUESTS = "tradewire_http_requests_total";
const DURATION = "tradewire_http_request_duration_seconds";
const IN_FLIGHT = "tradewire_http_requests_in_flight";
const ORDER_ROUTE = "/api/v1/broker/orders/:orderId";

describe("HTTP metrics", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  beforeAll(async () => {
    t = await startTradingApp({ clock });
  });
  afterAll(() => t.close());

  it("counts requests by route template, method and status, and times them in a histogram per route", async () => {
    const token = await t.login("alice");
    expect(
      (
        await t.request("POST", "/api/v1/auth/login", {
          body: { username: "alice", password: "wrong-password" },
        })
      ).status,
    ).toBe(401);
    for (const id of ["ord-missing-1", "ord-missing-2", "ord-missing-3"])
      expect(
        (await t.request("GET", `/api/v1/broker/orders/${id}`, { token }))
          .status,
      ).toBe(404);

    const text = await scrape(t.httpUrl);
    const samples = parseSamples(text);
    const login = { route: "/api/v1/auth/login", method: "POST" };
    expect(valueOf(samples, REQUESTS, { ...login, status: "200" })).toBe(1);
    expect(valueOf(samples, REQUESTS, { ...login, status: "401" })).toBe(1);
    // Three ids, one series: the template is the label, the id is nowhere.
    expect(
      valueOf(samples, REQUESTS, {
        route: ORDER_ROUTE,
        method: "GET",
        status: "404",
      }),
    ).toBe(3);
    expect(text).not.toContain("ord-missing");

    expect(metricTypes(text).get(DURATION)).toBe("histogram");
    expect(valueOf(samples, `${DURATION}_count`, login)).toBe(2);
    expect(valueOf(samples, `${DURATION}_sum`, login)).toBeGreaterThan(0);
    const buckets = samplesOf(samples, `${DURATION}_bucket`, login);
    expect(buckets.map((b) => b.labels.le)).toEqual([
      "0.001",
      "0.005",
      "0.01",
      "0.025",
      "0.05",
      "0.1",
      "0.25",
      "0.5",
      "1",
      "2.5",
      "5",
      "10",
      "+Inf",
    ]);
    expect(buckets.at(-1)?.value).toBe(2);
    // Cumulative: no bucket holds more than the next.
    for (let i = 1; i < buckets.length; i += 1)
      expect(buckets[i]?.value).toBeGreaterThanOrEqual(
        buckets[i - 1]?.value ?? 0,
      );
  });

  it("counts its own scrapes under /metrics but leaves them out of the in-flight gauge", async () => {
    const before = valueOf(parseSamples(await scrape(t.httpUrl)), REQUESTS, {
      route: "/metrics",
      method: "GET",
      status: "200",
    });
    const samples = parseSamples(await scrape(t.httpUrl));
    expect(
      valueOf(samples, REQUESTS, {
        route: "/metrics",
        method: "GET",
        status: "200",
      }),
    ).toBe(before + 1);
    expect(valueOf(samples, IN_FLIGHT)).toBe(0);
  });

  it("holds a request whose body has not arrived in flight, and lets it go when the client hangs up", async () => {
    const { port } = new URL(t.httpUrl);
    const socket: Socket = connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    // Headers promise 100 bytes of body that never come: the request is received, not answered.
    socket.write(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n" +
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    await vi.waitFor(async () =>
      expect(valueOf(parseSamples(await scrape(t.httpUrl)), IN_FLIGHT)).toBe(1),
    );
    socket.destroy();
    await vi.waitFor(async () =>
      expect(valueOf(parseSamples(await scrape(t.httpUrl)), IN_FLIGHT)).toBe(0),
    );
  });

  it("counts a refused WebSocket upgrade as an answer, but an open socket neither as an answer nor in flight", async () => {
    const socket = await TestSocket.open(t.wsUrl);
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(t.wsUrl, {
        origin: "https://elsewhere.example",
      });
      ws.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      ws.on("open", () => reject(new Error("a foreign origin was let in")));
      ws.on("error", () => undefined);
    });
    expect(refused).toBe(403);
    const samples = parseSamples(await scrape(t.httpUrl));
    const wsRoute = samplesOf(samples, REQUESTS, { route: "/api/v1/ws" });
    expect(wsRoute.map((s) => [s.labels.status, s.value])).toEqual([
      ["403", 1],
    ]);
    expect(valueOf(samples, IN_FLIGHT)).toBe(0);
    socket.close();
  });

  it('labels every path no route matches "unmatched": 200 random paths add one series', async () => {
    // A scrape first, so the scrape's own series exists before the count.
    await scrape(t.httpUrl);
    const seriesBefore = samplesOf(
      parseSamples(await scrape(t.httpUrl)),
      REQUESTS,
    ).length;
    // Plain fetch: these paths are not in the spec, and that is the point.
    for (let i = 0; i < 200; i += 1) {
      const res = await fetch(
        `${t.httpUrl}/scan-${i}/${Math.random().toString(36).slice(2)}.php`,
      );
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
    const text = await scrape(t.httpUrl);
    const samples = parseSamples(text);
    expect(samplesOf(samples, REQUESTS).length).toBe(seriesBefore + 1);
    expect(
      valueOf(samples, REQUESTS, {
        route: "unmatched",
        method: "GET",
        status: "404",
      }),
    ).toBe(200);
    expect(
      samplesOf(samples, `${DURATION}_count`, { route: "unmatched" }),
    ).toHaveLength(1);
    expect(text).not.toContain("scan-");
  });
});
