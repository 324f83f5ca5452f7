import { TradewireClient, type QuoteData } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { liveMarket } from "../support/live-market";
import { distinct, rebuildQuotes } from "../support/quote-rebuild";
import { until, type TestSocket } from "../support/test-socket";

const SYMBOLS = ["BTCUSD", "EURUSD", "AAPL", "ESZ6"];
const WHOLE = `quotes:{"symbols":${JSON.stringify(SYMBOLS)}}`;
const DELTA = `quotes:{"delta":true,"symbols":${JSON.stringify(SYMBOLS)}}`;

describe("quote deltas from the real datafeed over real sockets", () => {
  const market = liveMarket(250);
  const { open, run } = market;

  it("a delta topic's whole snapshot plus its deltas rebuild exactly the quotes the whole topic sends, in fewer bytes", async () => {
    const whole = await open();
    const delta = await open();
    expect(
      (await whole.subscribe("quotes", { symbols: SYMBOLS })).payload.topic,
    ).toBe(WHOLE);
    const ok = await delta.subscribe("quotes", {
      symbols: SYMBOLS,
      delta: true,
    });
    expect(ok.payload.topic).toBe(DELTA);
    await run(30_000);
    await whole.ping();
    await delta.ping();

    const fromWhole = rebuildQuotes(whole.frames, WHOLE);
    const fromDelta = rebuildQuotes(delta.frames, DELTA);
    expect(fromWhole.deltas).toBe(0);
    // Whole quotes only in the snapshot, one per symbol; every delta after it applies.
    expect(fromDelta.wholes).toBe(SYMBOLS.length);
    expect(fromDelta.deltas).toBeGreaterThan(100);
    expect(fromDelta.unapplied).toBe(0);
    for (const symbol of SYMBOLS) {
      const a = distinct(fromWhole.history.get(symbol) ?? []);
      const b = fromDelta.history.get(symbol) ?? [];
      expect(b.length).toBeGreaterThan(5);
      expect(b).toEqual(a);
    }
    const bytes = (s: TestSocket, topic: string) =>
      s.frames
        .filter((f) => f.payload.topic === topic)
        .reduce((n, f) => n + JSON.stringify(f).length, 0);
    expect(bytes(delta, DELTA)).toBeLessThan(bytes(whole, WHOLE) * 0.7);
  });

  it("the client hands its listeners whole quotes on a delta subscription, the same as on a whole one", async () => {
    const client = new TradewireClient({ url: market.app.wsUrl, WebSocket });
    client.connect();
    const viaWhole: QuoteData[] = [];
    const viaDelta: QuoteData[] = [];
    const a = client.subscribe("quotes", { symbols: SYMBOLS }, (q) =>
      viaWhole.push(q),
    );
    const b = client.subscribe(
      "quotes",
      { symbols: SYMBOLS, delta: true },
      (q) => viaDelta.push(q),
    );
    try {
      await Promise.all([a.ready, b.ready]);
      await until(
        () => viaDelta.length === SYMBOLS.length,
        3000,
        "the snapshot",
      );
      await run(20_000);
      // A new subscriber's snapshot is the quotes now: both lists end there once delivered.
      const probe = await open();
      await probe.subscribe("quotes", { symbols: SYMBOLS });
      await probe.ping();
      const now = rebuildQuotes(probe.frames, WHOLE).history;
      const ends = (list: QuoteData[], s: string) =>
        JSON.stringify(list.filter((q) => q.n === s).at(-1)) ===
        JSON.stringify(now.get(s)?.at(-1));
      await until(
        () => SYMBOLS.every((s) => ends(viaWhole, s) && ends(viaDelta, s)),
        3000,
        "both subscriptions to show the same quotes",
      );
      for (const symbol of SYMBOLS) {
        const whole = distinct(viaWhole.filter((q) => q.n === symbol));
        expect(viaDelta.filter((q) => q.n === symbol)).toEqual(whole);
        expect(whole.length).toBeGreaterThan(5);
      }
    } finally {
      a.unsubscribe();
      b.unsubscribe();
      await client.close();
    }
  });

  it("a subscriber joining later gets the current quotes whole, and the deltas after them apply to that snapshot", async () => {
    const early = await open();
    await early.subscribe("quotes", { symbols: SYMBOLS, delta: true });
    await run(10_000);
    const late = await open();
    await late.subscribe("quotes", { symbols: SYMBOLS, delta: true });
    await run(10_000);
    await early.ping();
    await late.ping();

    const a = rebuildQuotes(early.frames, DELTA);
    const b = rebuildQuotes(late.frames, DELTA);
    expect(a.unapplied).toBe(0);
    expect(b.unapplied).toBe(0);
    expect(b.wholes).toBe(SYMBOLS.length);
    expect(b.deltas).toBeGreaterThan(20);
    for (const symbol of SYMBOLS)
      expect(b.history.get(symbol)?.at(-1)).toEqual(
        a.history.get(symbol)?.at(-1),
      );
    // The late snapshot came after the early socket had deltas: some deltas it got
    // apply to a snapshot at a seq newer than their base.
    const lateSnapshotSeq = late.frames.find((f) => f.type === "quotes.update")
      ?.payload.seq as number;
    expect(lateSnapshotSeq).toBeGreaterThan(0);
  });
});
