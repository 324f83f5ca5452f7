import type { IncomingMessage } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createApp, type TradewireApp } from "../../src/app";
import { soloRole } from "../../src/cluster/role";
import { loadConfig } from "../../src/config";
import { takeViolations } from "../support/conformance";
import { TEST_JWT_SECRET } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

/** The 101 response of a socket's upgrade, read before the socket is closed again. */
function upgradeResponse(url: string): Promise<IncomingMessage> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.on("upgrade", (res) => {
      resolve(res);
      ws.close();
    });
    ws.on("error", reject);
  });
}

describe("which instance answered", () => {
  let app: TradewireApp;
  let httpUrl: string;
  let wsUrl: string;
  beforeAll(async () => {
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: "/nonexistent-unused",
      }),
      role: soloRole("tw-east-2"),
    });
    httpUrl = await app.listen(0, "127.0.0.1");
    wsUrl = `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`;
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => app.close());

  it("names the instance in every pong", async () => {
    const s = await TestSocket.open(wsUrl);
    s.send({ type: "ping", id: 9, payload: { t: 12.5 } });
    const pong = await s.nextOfType("pong");
    expect(pong.id).toBe(9);
    expect(pong.payload).toMatchObject({ t: 12.5, instance: "tw-east-2" });
    s.close();
  });

  it("sets X-Tradewire-Instance on routes, on 404s and on the socket's upgrade", async () => {
    const health = await fetch(`${httpUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-tradewire-instance")).toBe("tw-east-2");
    const missing = await fetch(`${httpUrl}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-tradewire-instance")).toBe("tw-east-2");
    const upgrade = await upgradeResponse(wsUrl);
    expect(upgrade.statusCode).toBe(101);
    expect(upgrade.headers["x-tradewire-instance"]).toBe("tw-east-2");
  });
});
