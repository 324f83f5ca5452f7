import type { QuoteData } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { takeViolations } from "../support/conformance";
import { bar, startTestApp, type TestApp } from "../support/test-app";
import {
  MSGPACK,
  TestSocket,
  until,
  type OpenOptions,
} from "../support/test-socket";

const QUOTES = 'quotes:{"symbols":["AAPL"]}';
const BARS = 'bars:{"resolution":"1","symbol":"AAPL"}';

/** A quote whose description makes the update longer than the deflate threshold. */
const quote = (lp: number): QuoteData => ({
  s: "ok",
  n: "AAPL",
  v: {
    lp,
    ask: lp + 0.01,
    bid: lp - 0.01,
    spread: 0.02,
    ch: 1.5,
    chp: 0.83,
    open_price: 180,
    high_price: 190.125,
    low_price: 179,
    prev_close_price: 180.5,
    volume: 12_345_678,
    description: "Apple Inc. common stock, Nasdaq Global Select ".repeat(20),
  },
});

/** Bytes the client's TCP socket has read so far: what crossed the wire, headers included. */
function wireBytes(s: TestSocket): number {
  return (s.ws as unknown as { _socket: { bytesRead: number } })._socket
    .bytesRead;
}

describe("permessage-deflate (WS_DEFLATE=on)", () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (options: OpenOptions = {}): Promise<TestSocket> => {
    const s = await TestSocket.open(t.wsUrl, options);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp({ WS_DEFLATE: "on", WS_DEFLATE_THRESHOLD: "200" });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("compresses large messages once for every socket that negotiated it; others get plain frames", async () => {
    const deflating = await open({
      perMessageDeflate: { threshold: 0, clientNoContextTakeover: true },
    });
    const plain = await open({ perMessageDeflate: false });
    const packed = await open({ protocols: [MSGPACK] });
    expect(extensions(deflating.ws)).toContain("server_no_context_takeover");
    expect(extensions(deflating.ws)).toContain("client_no_context_takeover");
    expect(extensions(deflating.ws)).toContain("server_max_window_bits=12");
    expect(extensions(plain.ws)).toBe("");
    expect(extensions(packed.ws)).toContain("permessage-deflate");
    for (const s of [deflating, plain, packed]) {
      // The deflating client compresses its own requests too (threshold 0).
      await s.subscribe("quotes", { symbols: ["AAPL"] });
      await s.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    }
    const before = [deflating, plain].map(wireBytes);
    for (let i = 0; i < 5; i++)
      t.services.quotes.publish(QUOTES, quote(181 + i));
    // Below the threshold: sent as it is, on the deflating socket too.
    t.services.bars.publish(BARS, bar(1_700_000_040_000, 188.25));
    for (const s of [deflating, plain, packed])
      await until(() => s.frames.filter(isUpdate).length === 6);
    expect(deflating.frames).toEqual(plain.frames);
    expect(packed.frames).toEqual(plain.frames);
    const [viaDeflate, viaPlain] = [deflating, plain].map(
      (s, i) => wireBytes(s) - (before[i] as number),
    );
    const text = plain.raw.slice(-6).reduce((n, r) => n + r.data.length, 0);
    expect(viaPlain).toBeGreaterThan(text);
    expect(viaDeflate).toBeLessThan(text / 3);
    expect((await deflating.ping()).payload.t).toBe(42);
  });

  it("inflates a client's compressed requests, and answers garbage on a compressed MessagePack socket", async () => {
    const s = await open({
      protocols: [MSGPACK],
      perMessageDeflate: { threshold: 0 },
    });
    const symbols = Array.from({ length: 30 }, (_, i) => `SYM${i}`);
    const answer = await s.subscribe("quotes", { symbols });
    expect(answer.payload).toMatchObject({ status: "ok" });
    s.sendRaw(Buffer.from([0x92, 0x01]), true);
    expect((await s.nextOfType("error")).payload.code).toBe("INVALID_MSGPACK");
    expect((await s.ping()).payload.t).toBe(42);
  });
});

function extensions(ws: WebSocket): string {
  const params = (
    ws as unknown as {
      _extensions: Record<string, { params?: Record<string, unknown> }>;
    }
  )._extensions["permessage-deflate"]?.params;
  if (!params) return "";
  return [
    "permessage-deflate",
    ...Object.entries(params).map(([k, v]) =>
      v === true ? k : `${k}=${String(v)}`,
    ),
  ].join("; ");
}

function isUpdate(f: { type: string }): boolean {
  return f.type.endsWith(".update");
}
