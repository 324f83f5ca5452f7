import { CloseCode, type QuoteData } from "@tradewire/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";
import {
  paddedOrder,
  paddedQuote,
  pauseReading,
  publishMany,
  resumeReading,
  tokenFor,
} from "./flood";

// Enough data to fill the loopback TCP buffers several times over, so the server really queues.
const UPDATES = 20_000;
/** Updates published between yields, as a real feed does, so readers get to read. */
const PACE = 50;

describe("slow consumers", () => {
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

  it("on a conflatable channel a slow socket gets the newest value per symbol when it drains, and never delays the others", async () => {
    const fast = await TestSocket.open(t.wsUrl);
    const slow = await TestSocket.open(t.wsUrl);
    sockets.push(fast, slow);
    const params = { symbols: ["AAPL", "MSFT"] };
    const topic = 'quotes:{"symbols":["AAPL","MSFT"]}';
    await fast.subscribe("quotes", params);
    await slow.subscribe("quotes", params);
    pauseReading(slow);
    await publishMany(
      UPDATES,
      (i) =>
        t.services.quotes.publish(
          topic,
          paddedQuote(i % 2 ? "AAPL" : "MSFT", i),
        ),
      PACE,
    );

    await until(
      () => fast.frames.length >= UPDATES,
      10_000,
      "the fast socket to receive every update",
    );
    const fastSeqs = fast.frames.map((f) => f.payload.seq);
    expect(fastSeqs).toEqual(Array.from({ length: UPDATES }, (_, i) => i + 1));
    expect(slow.frames.length).toBeLessThan(UPDATES);
    expect(
      await metric(t, "tradewire_ws_conflated_total", '{channel="quotes"}'),
    ).toBeGreaterThan(0);

    resumeReading(slow);
    const lastOf = (symbol: string) =>
      slow.frames
        .map((f) => f.payload.payload as QuoteData)
        .filter((q) => q.n === symbol)
        .at(-1)?.v.lp;
    await until(
      () => lastOf("MSFT") === UPDATES && lastOf("AAPL") === UPDATES - 1,
      10_000,
      "the slow socket to catch up",
    );
    expect(slow.frames.length).toBeLessThan(UPDATES);
    // Conflation skips updates but never reorders them.
    const seqs = slow.frames.map((f) => f.payload.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("on a channel that cannot be conflated a slow socket is closed with 4000 while the others get everything", async () => {
    const token = await tokenFor("acc-1", "u1");
    const fast = await TestSocket.open(t.wsUrl, { token });
    const slow = await TestSocket.open(t.wsUrl, { token });
    sockets.push(fast, slow);
    await fast.subscribe("orders", {});
    await slow.subscribe("orders", {});
    const topic = 'orders:{"accountId":"acc-1"}';
    const closesBefore = await metric(
      t,
      "tradewire_ws_slow_consumer_closes_total",
    );
    pauseReading(slow);
    await publishMany(
      UPDATES,
      (i) => t.services.orders.publish(topic, paddedOrder(i)),
      PACE,
    );
    await until(
      () => fast.frames.length >= UPDATES,
      10_000,
      "the fast socket to receive every order",
    );
    expect(fast.frames.map((f) => f.payload.seq)).toEqual(
      Array.from({ length: UPDATES }, (_, i) => i + 1),
    );
    expect(await metric(t, "tradewire_ws_slow_consumer_closes_total")).toBe(
      closesBefore + 1,
    );

    resumeReading(slow);
    const closed = await slow.closed;
    expect(closed.code).toBe(CloseCode.SlowConsumer);
    // What did arrive before the close is a gap-free prefix: nothing was skipped silently.
    const seqs = slow.frames
      .filter((f) => f.type === "orders.update")
      .map((f) => f.payload.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(seqs.length).toBeLessThan(UPDATES);
  });
});
