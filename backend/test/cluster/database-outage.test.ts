import { OrderType, Side } from "@tradewire/client";
import { randomBytes } from "node:crypto";
import { createServer, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate";
import { openPostgres } from "../../src/db/postgres";
import { DATABASE_RETRY_AFTER_S } from "../../src/http/error-handlers";
import { startTcpBalancer, type TcpBalancer } from "../../src/testing";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { postgresServer } from "../support/shared-services";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const serverUrl = postgresServer();

/** Statements straight to the server, around the balancer the app goes through. */
async function direct<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl ?? "" });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(serverUrl)("PostgreSQL briefly unavailable", () => {
  const schema = `tw_test_${randomBytes(6).toString("hex")}`;
  let link: TcpBalancer;
  let t: TradingApp;

  beforeAll(async () => {
    const server = new URL(serverUrl ?? "");
    // The app reaches PostgreSQL only through this link, which the test can cut.
    link = await startTcpBalancer({
      backends: [`${server.hostname}:${server.port || "5432"}`],
    });
    const viaLink = new URL(server);
    viaLink.host = link.address;
    const database = await openPostgres(viaLink.toString(), {
      schema,
      maxConnections: 4,
    });
    await migrateToLatest(database);
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      database,
    });
  });
  afterAll(async () => {
    await t?.close();
    await link?.close();
    await direct(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it("REST answers 503 with Retry-After while sockets stay up, then the same call succeeds once", async () => {
    const token = await t.login("alice");
    const socket = await TestSocket.open(t.wsUrl, { token });
    await socket.subscribe("orders", {});
    const order = {
      symbol: "AAPL",
      type: OrderType.Market,
      side: Side.Buy,
      qty: 3,
    };
    const place = () =>
      t.request<{ code: string; orderId: string }>(
        "POST",
        "/api/v1/broker/orders",
        { token, body: order },
      );

    await link.cut();
    const refused = await place();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe(
      String(DATABASE_RETRY_AFTER_S),
    );
    expect(refused.body.code).toBe("SERVICE_UNAVAILABLE");
    const readRefused = await t.request("GET", "/api/v1/broker/orders", {
      token,
    });
    expect(readRefused.status).toBe(503);
    const settingsRefused = await t.request<{ code: string }>(
      "PUT",
      "/api/v1/settings",
      { token, body: { theme: "light" } },
    );
    expect(settingsRefused.status).toBe(503);
    expect(settingsRefused.body.code).toBe("SERVICE_UNAVAILABLE");
    expect(
      (await t.request("GET", "/api/v1/watchlists", { token })).status,
    ).toBe(503);
    expect(socket.isOpen).toBe(true);
    await socket.ping();

    await link.restore();
    const placed = await place();
    expect(placed.status).toBe(201);
    const settings = await t.request<{ theme: string }>(
      "GET",
      "/api/v1/settings",
      { token },
    );
    expect(settings.body.theme).toBe("dark");
    const update = await socket.next(
      (f) =>
        f.type === "orders.update" &&
        (f.payload.payload as { id?: string }).id === placed.body.orderId,
    );
    expect(update.payload.payload).toMatchObject({ symbol: "AAPL", qty: 3 });

    const rows = await direct<{ id: string; qty: string }>(
      `SELECT id, qty FROM ${schema}.orders`,
    );
    expect(rows.map((r) => r.id)).toEqual([placed.body.orderId]);
    socket.close();
  });

  it("a server that accepts but never answers (a hung host) also gets 503, once the pool gives up", async () => {
    const token = await t.login("alice");
    await link.cut();
    // In the link's place: connections are taken and never answered.
    const held: Socket[] = [];
    const silent = createServer((s) => held.push(s));
    await new Promise<void>((resolve) =>
      silent.listen(link.port, "127.0.0.1", resolve),
    );
    try {
      const res = await t.request<{ code: string }>(
        "GET",
        "/api/v1/broker/orders",
        { token },
      );
      expect(res.status).toBe(503);
      expect(res.body.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      for (const s of held) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await link.restore();
    }
    expect(
      (await t.request("GET", "/api/v1/broker/orders", { token })).status,
    ).toBe(200);
  }, 20_000);
});
