import { CloseCode, type Order, type QuoteData } from "@tradewire/client";
import type { Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { takeViolations } from "../support/conformance";
import {
  metric,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from "../support/test-app";
import { TestSocket, until } from "../support/test-socket";

// Enough data to fill the loopback TCP buffers several times over, so the server really queues.
const UPDATES = 20_000;
const PADDING = "x".repeat(900);

const pauseReading = (s: TestSocket): void => {
  (s.ws as unknown as { _socket: Socket })._socket.pause();
};
const resumeReading = (s: TestSocket): void => {
  (s.ws as unknown as { _socket: Socket })._socket.resume();
};

/** Publish in batches, yielding between them as a real feed does, so readers get to read. */
async function publishPaced(
  count: number,
  publish: (i: number) => void,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    publish(i);
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

function quote(symbol: string, lp: number): QuoteData {
  return {
    s: "ok",
    n: symbol,
    v: {
      lp,
      ask: lp + 0.01,
      bid: lp - 0.01,
      spread: 0.02,
      ch: 0,
      chp: 0,
      open_price: 1,
      high_price: lp,
      low_price: 1,
      prev_close_price: 1,
      volume: 1,
      description: PADDING,
    },
  };
}

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
    await publishPaced(UPDATES, (i) =>
      t.services.quotes.publish(topic, quote(i % 2 ? "AAPL" : "MSFT", i)),
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
    const token = (
      await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({
        userId: "u1",
        accountId: "acc-1",
      })
    ).token;
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
    await publishPaced(UPDATES, (i) => {
      const order: Order = {
        id: `o-${i}`,
        symbol: "AAPL",
        type: 2,
        side: 1,
        qty: 1,
        status: 6,
        filledQty: 0,
        duration: { type: "DAY" },
        createTime: i,
        updateTime: i,
        rejectReason: PADDING,
      };
      t.services.orders.publish(topic, order);
    });
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
