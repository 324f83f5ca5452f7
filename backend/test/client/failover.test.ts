import {
  CloseCode,
  TradewireClient,
  type ConnectionState,
  type Endpoint,
  type QuoteData,
} from "@tradewire/client";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { soloRole } from "../../src/cluster/role";
import {
  ManualClock,
  migratedPGlite,
  startTestBackend,
  unclosable,
  WEDNESDAY_10AM_NY,
  type TestBackend,
} from "../../src/testing";
import { takeViolations } from "../support/conformance";
import { until } from "../support/test-socket";
import { MARKET_BUY } from "../ws/execution-history";

/**
 * Two real instances on one database, as behind one address: the client starts on A, A shuts
 * down gracefully (1012), and the client carries on at B from its cursor.
 */
describe("the client fails over between two instances", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let a: TestBackend;
  let b: TestBackend;
  let client: TradewireClient | null = null;

  beforeAll(async () => {
    const database = await migratedPGlite();
    // A stops first: its close must leave the database B still uses open.
    a = await startTestBackend(clock, "trading", {
      database: unclosable(database),
      role: soloRole("tw-a"),
    });
    b = await startTestBackend(clock, "trading", {
      database,
      role: soloRole("tw-b"),
    });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await a.close();
    await b.close();
    expect(takeViolations()).toEqual([]);
  });

  const buy = async (on: TestBackend, token: string) => {
    const res = await fetch(`${on.httpUrl}/api/v1/broker/orders`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ ...MARKET_BUY, qty: 1 }),
    });
    expect(res.status).toBe(201);
  };

  it("ends on the other instance with its subscriptions live and executions resumed from its cursor, none twice", async () => {
    await a.run(3_000);
    const token = await a.login("alice");
    const states: ConnectionState[] = [];
    const endpoints: Endpoint[] = [];
    client = new TradewireClient({
      urls: [a.wsUrl, b.wsUrl],
      WebSocket,
      token,
      heartbeatIntervalMs: 60_000,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    });
    client.onState((s) => states.push(s));
    client.onEndpoint((e) => endpoints.push(e));
    const fills: number[] = [];
    const quotes: QuoteData[] = [];
    client.connect();
    await client.subscribe("executions", {}, (x) => fills.push(x.sequence))
      .ready;
    await client.subscribe("quotes", { symbols: ["MSFT"] }, (q) =>
      quotes.push(q),
    ).ready;
    await until(() => client?.state.instance === "tw-a");

    await buy(a, token);
    await until(() => fills.length === 1, 5_000, "the first fill, live on A");
    // Filled on B while the client is on A (the instances share no bus here): only B's replay
    // after the client's cursor can bring it.
    await b.run(2_000);
    await buy(b, token);
    expect(fills).toEqual([1]);
    await a.close();
    await until(() =>
      states.some(
        (s) =>
          s.status === "reconnecting" &&
          s.closeCode === CloseCode.ServiceRestart,
      ),
    );
    await until(
      () => client?.state.instance === "tw-b",
      5_000,
      "the client on B",
    );
    expect(client.state).toMatchObject({ status: "open", url: b.wsUrl });

    await until(() => fills.length === 2, 5_000, "the replayed fill");
    await buy(b, token);
    await until(() => fills.length === 3, 5_000, "a live fill on B");
    const quotesBefore = quotes.length;
    await b.run(2_000);
    await until(() => quotes.length > quotesBefore, 5_000, "quotes from B");
    expect(fills).toEqual([1, 2, 3]);
    expect(endpoints).toEqual([
      { url: a.wsUrl, instance: "tw-a" },
      { url: b.wsUrl },
      { url: b.wsUrl, instance: "tw-b" },
    ]);
  });
});
