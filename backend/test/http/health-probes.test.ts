import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import { migrateToLatest } from "../../src/db/migrate";
import { openPGlite } from "../../src/db/pglite";
import { spawnServer } from "../../src/testing";
import { takeViolations } from "../support/conformance";
import { testDatabases } from "../support/databases";
import { specFetch } from "../support/openapi-conformance";
import { startTestApp, TEST_JWT_SECRET } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

/** The real app on a free port over `database`; the app closes the database when it closes. */
async function appOver(
  database: Database,
): Promise<{ app: TradewireApp; url: string }> {
  const app = await createApp({
    config: loadConfig({ LOG_LEVEL: "silent", JWT_SECRET: TEST_JWT_SECRET }),
    database,
  });
  return { app, url: await app.listen(0, "127.0.0.1") };
}

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  const res = await specFetch(url);
  return { status: res.status, body: JSON.parse(res.text) as unknown };
}

const ALL_OK = {
  status: "ready",
  checks: { database: "ok", migrations: "ok", bus: "ok", shutdown: "ok" },
};

describe.each(testDatabases())("health probes on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("live answers 200; ready answers 200 with every check ok, then 503 once the database is gone", async () => {
    const database = await engine.open();
    const { app, url } = await appOver(database);
    try {
      expect(await probe(`${url}/health/live`)).toEqual({
        status: 200,
        body: { status: "alive" },
      });
      expect(await probe(`${url}/health/ready`)).toEqual({
        status: 200,
        body: ALL_OK,
      });
      await database.close();
      expect(await probe(`${url}/health/ready`)).toEqual({
        status: 503,
        body: {
          status: "not_ready",
          // Migrations were seen complete once; they are not asked again.
          checks: {
            database: "failed",
            migrations: "ok",
            bus: "ok",
            shutdown: "ok",
          },
        },
      });
      // Liveness is not readiness: a database outage must not get the process restarted.
      expect((await probe(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
    expect(takeViolations()).toEqual([]);
  });
});

describe("readiness", () => {
  it("is 503 with migrations pending until every migration has run", async () => {
    const database = await openPGlite(null);
    const { app, url } = await appOver(database);
    try {
      expect(await probe(`${url}/health/ready`)).toEqual({
        status: 503,
        body: {
          status: "not_ready",
          checks: {
            database: "ok",
            migrations: "pending",
            bus: "ok",
            shutdown: "ok",
          },
        },
      });
      await migrateToLatest(database);
      expect(await probe(`${url}/health/ready`)).toEqual({
        status: 200,
        body: ALL_OK,
      });
    } finally {
      await app.close();
    }
  });

  it("counts a database that does not answer within the timeout as failed", async () => {
    const database = await openPGlite(null);
    await migrateToLatest(database);
    const { app, url } = await appOver(database);
    // PGlite has one connection: holding it wedges every other query, as a stuck server would.
    let release = (): void => undefined;
    const held = database.db
      .connection()
      .execute(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      const started = Date.now();
      const answer = await probe(`${url}/health/ready`);
      const took = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({
        checks: { database: "failed", shutdown: "ok" },
      });
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(3000);
    } finally {
      release();
      await held;
      await app.close();
    }
  });

  it("reports the database as none, and is ready, when the app runs without one", async () => {
    const t = await startTestApp();
    try {
      expect(await probe(`${t.httpUrl}/health/ready`)).toEqual({
        status: 200,
        body: {
          status: "ready",
          checks: {
            database: "none",
            migrations: "none",
            bus: "ok",
            shutdown: "ok",
          },
        },
      });
    } finally {
      await t.close();
    }
  });
});

describe("shutdown order", () => {
  it("turns readiness 503 while sockets stay open for the drain, then closes them with 1012", async () => {
    const t = await startTestApp();
    const socket = await TestSocket.open(t.wsUrl);
    const events: string[] = [];
    const started = Date.now();
    let closedAfter = -1;
    void socket.closed.then(({ code }) => {
      closedAfter = Date.now() - started;
      events.push(`socket closed ${code}`);
    });
    const closing = t.app.close({ drainMs: 600 });

    const ready = await probe(`${t.httpUrl}/health/ready`);
    events.push(`ready ${ready.status}`);
    expect(ready.body).toEqual({
      status: "not_ready",
      checks: {
        database: "none",
        migrations: "none",
        bus: "ok",
        shutdown: "shutting_down",
      },
    });
    // The old endpoint says the same; liveness still holds.
    expect(await probe(`${t.httpUrl}/health`)).toMatchObject({
      status: 503,
      body: { status: "stopping" },
    });
    expect((await probe(`${t.httpUrl}/health/live`)).status).toBe(200);
    await socket.ping();
    events.push("socket answered a ping");

    await closing;
    await socket.closed;
    expect(events).toEqual([
      "ready 503",
      "socket answered a ping",
      `socket closed ${CloseCode.ServiceRestart}`,
    ]);
    expect(closedAfter).toBeGreaterThanOrEqual(600);
    await expect(fetch(`${t.httpUrl}/health/live`)).rejects.toThrow();
    expect(takeViolations()).toEqual([]);
  });

  it("the real server turns readiness 503 on SIGTERM before it closes its sockets, then exits 0", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "tw-drain-")), "data");
    const server = spawnServer({
      dataDir,
      env: { SHUTDOWN_DRAIN_MS: "1500" },
    });
    try {
      const address = await server.address;
      expect(await probe(`${address}/health/ready`)).toEqual({
        status: 200,
        body: ALL_OK,
      });
      const socket = await TestSocket.open(
        `${address.replace(/^http/, "ws")}/api/v1/ws`,
      );
      const events: string[] = [];
      void socket.closed.then(({ code }) =>
        events.push(`socket closed ${code}`),
      );
      // Not server.stop(): a second SIGTERM would end the process at once, skipping the rest.
      const exited = new Promise<number | null>((resolve) =>
        server.child.once("exit", (code) => resolve(code)),
      );
      server.child.kill("SIGTERM");
      // The signal arrives asynchronously: wait for the flip, then prove the socket still works.
      for (;;) {
        const { status } = await probe(`${address}/health/ready`);
        if (status === 503) break;
        expect(events).toEqual([]);
      }
      events.push("ready 503");
      await socket.ping();
      events.push("socket answered a ping");
      expect((await socket.closed).code).toBe(CloseCode.ServiceRestart);
      expect(await exited).toBe(0);
      expect(events).toEqual([
        "ready 503",
        "socket answered a ping",
        `socket closed ${CloseCode.ServiceRestart}`,
      ]);
      expect(server.output()).toContain('"drainMs":1500');
    } finally {
      await server.stop();
    }
    expect(takeViolations()).toEqual([]);
  });
});
