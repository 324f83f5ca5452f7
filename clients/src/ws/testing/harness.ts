import { afterEach } from "vitest";
import { WebSocket } from "ws";
import { TradewireClient } from "../client.js";
import type { ClientOptionsBase } from "../options.js";
import { ProtocolServer } from "./protocol-server.js";

export type HarnessOptions = Partial<ClientOptionsBase> & {
  readonly url?: string;
  readonly urls?: readonly string[];
};

/**
 * Per-test setup of a protocol server and a client pointed at it (or at `url` / `urls` when
 * given), both torn down after the test. The heartbeat is off unless a test turns it on, so that
 * only the behaviour under test sends.
 */
export function useHarness(): (
  options?: HarnessOptions,
) => Promise<{ server: ProtocolServer; client: TradewireClient }> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async ({ url, urls, ...options } = {}) => {
    const server = await ProtocolServer.start();
    const client = new TradewireClient({
      ...(urls ? { urls } : { url: url ?? server.url }),
      WebSocket,
      heartbeatIntervalMs: 0,
      ...options,
    });
    cleanups.push(() => server.stop());
    cleanups.push(() => client.close());
    return { server, client };
  };
}
