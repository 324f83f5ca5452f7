import { afterEach } from "vitest";
import { WebSocket } from "ws";
import { TradewireClient } from "../client.js";
import type { TradewireClientOptions } from "../options.js";
import { ProtocolServer } from "./protocol-server.js";

/**
 * Per-test setup of a protocol server and a client pointed at it, both torn down after the test.
 * The heartbeat is off unless a test turns it on, so that only the behaviour under test sends.
 */
export function useHarness(): (
  options?: Partial<TradewireClientOptions>,
) => Promise<{ server: ProtocolServer; client: TradewireClient }> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (options = {}) => {
    const server = await ProtocolServer.start();
    const client = new TradewireClient({
      url: server.url,
      WebSocket,
      heartbeatIntervalMs: 0,
      ...options,
    });
    cleanups.push(() => server.stop());
    cleanups.push(() => client.close());
    return { server, client };
  };
}
