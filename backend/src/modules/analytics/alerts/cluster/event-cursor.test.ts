import type { AlertEvent } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it, vi } from "vitest";
import type { AlertStore } from "../store/alert-store";
import { EventCursor } from "./event-cursor";

/** Errors would fail the test through the assertions; nothing to print. */
const quiet = {
  error: () => undefined,
  warn: () => undefined,
} as unknown as FastifyBaseLogger;

const event = (sequence: number): AlertEvent => ({
  sequence,
  alertId: "alert-1",
  name: "BTCUSD crosses above 90,000.00",
  symbol: "BTCUSD",
  condition: {
    type: "price-cross",
    symbol: "BTCUSD",
    direction: "above",
    level: 90_000,
  },
  firedAt: 1_000 * sequence,
  price: 90_000 + sequence,
  message: `fired ${sequence}`,
});

/** The store's event reads over `stored`, counting the catch-up reads. */
function storeOf(stored: AlertEvent[], last: number) {
  const reads: number[] = [];
  const store = {
    lastSequence: () => Promise.resolve(last),
    eventsSince: (_account: string, since: number, limit: number) => {
      reads.push(since);
      return Promise.resolve(
        stored.filter((e) => e.sequence > since).slice(0, limit),
      );
    },
  } as unknown as AlertStore;
  return { store, reads };
}

describe("EventCursor", () => {
  it("passes on each next sequence once and reads a gap the bus left from the store", async () => {
    const stored = [1, 2, 3, 4, 5].map(event);
    const { store, reads } = storeOf(stored, 2);
    const sent: number[] = [];
    const cursor = new EventCursor(
      store,
      "acc",
      (e) => sent.push(e.sequence),
      quiet,
    );
    await cursor.start();
    cursor.offer(event(3));
    cursor.offer(event(3));
    expect(sent).toEqual([3]);
    expect(reads).toEqual([]);
    cursor.offer(event(5));
    await vi.waitFor(() => expect(sent).toEqual([3, 4, 5]));
    expect(reads).toEqual([3]);
    cursor.offer(event(5));
    cursor.offer(event(4));
    expect(sent).toEqual([3, 4, 5]);
  });

  it("after the bus is back it reads what came after the last event it passed on", async () => {
    const stored = [1, 2].map(event);
    const { store, reads } = storeOf(stored, 0);
    const sent: number[] = [];
    const cursor = new EventCursor(
      store,
      "acc",
      (e) => sent.push(e.sequence),
      quiet,
    );
    // Heard before the cursor knew where the account stands: read once it does.
    cursor.offer(event(1));
    await cursor.start();
    await vi.waitFor(() => expect(sent).toEqual([1, 2]));
    stored.push(event(3), event(4));
    cursor.catchUp();
    await vi.waitFor(() => expect(sent).toEqual([1, 2, 3, 4]));
    expect(reads).toEqual([0, 2]);
  });
});
