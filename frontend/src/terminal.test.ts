// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ProtocolServer } from "@tradewire/client/testing";
import { memoryStorage } from "../test/support/simulation";
import { createBackend, type TerminalServices } from "./terminal";

describe("createBackend", () => {
  let server: ProtocolServer;
  let services: TerminalServices | undefined;
  afterEach(async () => {
    await services?.dispose();
    await server.stop();
  });

  const open = (simulation: "off" | "broker") => {
    const backend = createBackend(
      { simulation, origin: "http://127.0.0.1:1", socketUrls: [server.url] },
      { WebSocket, storage: memoryStorage() },
    );
    services = backend.openSession();
    return services;
  };

  it("in broker mode takes market data from the socket and the account from the simulation", async () => {
    server = await ProtocolServer.start();
    const { adapter } = open("broker");
    expect(adapter.simulated).toBe(true);
    await adapter.bars.subscribe(
      "chart",
      { symbol: "AAPL", resolution: "1" },
      () => undefined,
    );
    const orders = await adapter.orders.subscribe(
      "blotter",
      {},
      () => undefined,
    );
    expect(orders.ok).toBe(true);
    expect(server.framesOfType("bars.subscribe")).toHaveLength(1);
    expect(server.framesOfType("orders.subscribe")).toHaveLength(0);
  });

  it("in off mode sends every channel over the socket", async () => {
    server = await ProtocolServer.start();
    const { adapter } = open("off");
    expect(adapter.simulated).toBe(false);
    await adapter.orders.subscribe("blotter", {}, () => undefined);
    expect(server.framesOfType("orders.subscribe")).toHaveLength(1);
  });
});
