import type { QuoteData, QuoteUpdate } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SymbolDeltas } from "../../src/modules/datafeed/ws/quote-deltas";
import type { TopicUpdate } from "../../src/ws";
import { takeViolations } from "../support/conformance";
import { rebuildQuotes } from "../support/quote-rebuild";
import { metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";
import { pauseReading, publishMany, resumeReading } from "./flood";

// Enough data to fill the loopback TCP buffers several times over, so the server really queues.
const UPDATES = 20_000;
const PACE = 50;
const SYMBOLS = ["AAPL", "MSFT"];
const TOPIC = 'quotes:{"delta":true,"symbols":["AAPL","MSFT"]}';

/** A quote whose every value moves with `i`: each delta carries a few hundred bytes. */
function quote(symbol: string, i: number): QuoteData {
  return {
    s: "ok",
    n: symbol,
    v: {
      lp: i,
      ask: i + 0.01,
      bid: i - 0.01,
      spread: 0.02,
      ch: i - 1,
      chp: 0,
      open_price: 1,
      high_price: i,
      low_price: 1,
      prev_close_price: 1,
      volume: i * 10,
      description: `${"x".repeat(400)}${i}`,
    },
  };
}

describe("quote deltas and a slow socket", () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp({
      WS_SLOW_BUFFER_BYTES: "16384",
      WS_MAX_BUFFER_BYTES: "262144",
    });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    expect(takeViolations()).toEqual([]);
  });
  afterAll(() => t.close());

  it("a socket that falls behind gets whole quotes in place of the deltas conflation replaces, so it rebuilds every symbol", async () => {
    const fast = await TestSocket.open(t.wsUrl);
    const slow = await TestSocket.open(t.wsUrl);
    sockets.push(fast, slow);
    // The topic starts at quote 0 of each symbol: the snapshot both sockets get.
    t.services.quotes.state.set(
      TOPIC,
      SYMBOLS.map((s) => quote(s, 0)),
    );
    await fast.subscribe("quotes", { symbols: SYMBOLS, delta: true });
    await slow.subscribe("quotes", { symbols: SYMBOLS, delta: true });
    // The service's job, as the datafeed's does it: whole quotes are the topic's first state.
    const topicUpdate = t.services.quotes.publishers.get(
      TOPIC,
    ) as unknown as TopicUpdate<QuoteUpdate>;
    const deltas = new Map(
      SYMBOLS.map((s) => [s, new SymbolDeltas(topicUpdate, quote(s, 0))]),
    );
    pauseReading(slow);
    await publishMany(
      UPDATES,
      (i) => {
        const symbol = SYMBOLS[i % 2] as string;
        deltas.get(symbol)?.publish(quote(symbol, i));
      },
      PACE,
    );
    await until(
      () => fast.frames.length >= UPDATES + SYMBOLS.length,
      10_000,
      "the fast socket to receive every update",
    );
    expect(
      await metric(t, "tradewire_ws_conflated_total", '{channel="quotes"}'),
    ).toBeGreaterThan(0);

    resumeReading(slow);
    const lastOf = (s: TestSocket, symbol: string) =>
      rebuildQuotes(s.frames, TOPIC).history.get(symbol)?.at(-1)?.v.lp;
    await until(
      () =>
        lastOf(slow, "AAPL") === UPDATES &&
        lastOf(slow, "MSFT") === UPDATES - 1,
      10_000,
      "the slow socket to catch up",
    );
    const fromFast = rebuildQuotes(fast.frames, TOPIC);
    const fromSlow = rebuildQuotes(slow.frames, TOPIC);
    // The fast socket got every update as a delta; the slow one fewer frames, some of them
    // whole, and could apply every delta it got.
    expect(fromFast.deltas).toBe(UPDATES);
    expect(fromFast.unapplied).toBe(0);
    expect(fromSlow.unapplied).toBe(0);
    // Beyond the two of the snapshot: whole quotes stood in for deltas while it was behind.
    expect(fromSlow.wholes).toBeGreaterThan(SYMBOLS.length);
    expect(fromFast.wholes).toBe(SYMBOLS.length);
    expect(fromSlow.deltas + fromSlow.wholes).toBeLessThan(UPDATES);
    for (const symbol of SYMBOLS)
      expect(fromSlow.history.get(symbol)?.at(-1)).toEqual(
        quote(symbol, symbol === "AAPL" ? UPDATES : UPDATES - 1),
      );
  });
});
