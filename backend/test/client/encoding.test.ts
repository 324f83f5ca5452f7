import {
  TradewireClient,
  type Bar,
  type Order,
  type WireEncoding,
} from "@tradewire/client";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import {
  bar,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { until } from "../support/test-socket";

const BARS = 'bars:{"resolution":"1","symbol":"AAPL"}';
const ORDERS = 'orders:{"accountId":"acc-enc"}';

const order: Order = {
  id: "o-1",
  symbol: "AAPL",
  type: 2,
  side: 1,
  qty: 10,
  status: 6,
  limitPrice: 181.5,
  filledQty: 0,
  duration: { type: "DAY" },
  createTime: 1_700_000_000_000,
  updateTime: 1_700_000_000_123,
};

/** `ws`'s WebSocket, remembering every socket the client opened and whether frames were binary. */
function recordingWebSocket() {
  const sockets: { protocol: string; binary: boolean[] }[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      const record = { protocol: "", binary: [] as boolean[] };
      sockets.push(record);
      this.on("open", () => (record.protocol = this.protocol));
      this.on("message", (_data, isBinary) => record.binary.push(isBinary));
    }
  }
  return { WebSocket: Recording, sockets };
}

describe("the client negotiates its encoding with the real backend", () => {
  let t: TestApp | null = null;
  let client: TradewireClient | null = null;
  afterEach(async () => {
    await client?.close();
    await t?.close();
    client = t = null;
    expect(takeViolations()).toEqual([]);
  });

  type Transports = ("websocket" | "sse")[];
  const cases: [
    WireEncoding,
    Record<string, string>,
    string,
    boolean,
    Transports,
  ][] = [
    ["auto", {}, "tradewire.v1.msgpack", true, ["websocket"]],
    [
      "msgpack",
      { WS_DEFLATE: "on" },
      "tradewire.v1.msgpack",
      true,
      ["websocket"],
    ],
    ["json", {}, "tradewire.v1.json", false, ["websocket"]],
    // The terminal's set-up: the fallback transport wraps the WebSocket and must pass it on.
    ["auto", {}, "tradewire.v1.msgpack", true, ["websocket", "sse"]],
  ];
  it.each(cases)(
    "encoding %s (server %j) speaks %s (binary frames: %s) and receives the same typed updates, transports %j",
    async (encoding, env, protocol, binary, transports) => {
      t = await startTestApp(env);
      const token = (
        await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
          userId: "u-enc",
          accountId: "acc-enc",
        })
      ).token;
      const recording = recordingWebSocket();
      client = new TradewireClient({
        url: t.wsUrl,
        token,
        encoding,
        transports,
        WebSocket: recording.WebSocket,
        heartbeatIntervalMs: 50,
      });
      client.connect();
      const bars: Bar[] = [];
      const orders: Order[] = [];
      await client.subscribe("bars", { symbol: "AAPL", resolution: "1" }, (b) =>
        bars.push(b),
      ).ready;
      await client.subscribe("orders", {}, (o) => orders.push(o)).ready;
      t.services.bars.publish(BARS, bar(1_700_000_040_000, 188.25));
      t.services.orders.publish(ORDERS, order);
      await until(() => bars.length === 1 && orders.length === 1);
      expect(bars).toEqual([bar(1_700_000_040_000, 188.25)]);
      expect(orders).toEqual([order]);
      // The heartbeat's pings are answered in the same encoding.
      await until(() => client?.state.latencyMs !== undefined);
      const [socket] = recording.sockets;
      expect(socket?.protocol).toBe(protocol);
      expect(socket?.binary.every((b) => b === binary)).toBe(true);
    },
  );
});
