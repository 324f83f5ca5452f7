import type { Order, QuoteData } from "@tradewire/client";
import type { Socket } from "node:net";
import { JwtAuth } from "../../src/auth/jwt";
import { systemClock } from "../../src/clock";
import { metric, TEST_JWT_SECRET, type TestApp } from "../support/test-app";
import type { TestSocket } from "../support/test-socket";
import { until } from "../support/test-socket";

/** Helpers for tests of clients that stop reading: what they are sent piles up at the server. */

export const PADDING = "x".repeat(900);

/** Stop reading the socket at the TCP level: nothing is consumed, as with a stalled or hostile peer. */
export function pauseReading(s: TestSocket): void {
  (s.ws as unknown as { _socket: Socket })._socket.pause();
}

export function resumeReading(s: TestSocket): void {
  (s.ws as unknown as { _socket: Socket })._socket.resume();
}

export function paddedQuote(symbol: string, lp: number): QuoteData {
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

export function paddedOrder(i: number): Order {
  return {
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
}

export async function tokenFor(
  accountId: string,
  userId = `user-of-${accountId}`,
): Promise<string> {
  return (
    await new JwtAuth(TEST_JWT_SECRET, systemClock).sign({ userId, accountId })
  ).token;
}

/** Output the server holds for its sockets beyond what the kernel took (the budget's measure). */
export function outboundBytes(t: TestApp): Promise<number> {
  return metric(t, "tradewire_ws_outbound_bytes");
}

/**
 * Call `publish` in batches of `batch`, yielding to the event loop between them, until `done`.
 * Publishing much to paused sockets fills loopback kernel buffers (a few MB a socket) before the
 * server holds anything itself.
 */
export async function publishUntil(
  done: () => Promise<boolean>,
  publish: (i: number) => void,
  what: string,
  batch = 200,
): Promise<number> {
  let i = 0;
  await until(
    async () => {
      for (let k = 0; k < batch; k++) publish(++i);
      await new Promise((resolve) => setImmediate(resolve));
      return done();
    },
    20_000,
    what,
  );
  return i;
}

/**
 * Publish `count` updates in batches of `batch`, yielding between them. 16,000 padded quotes
 * (16 MB) are far more than loopback kernel buffers take for a socket that does not read.
 */
export async function publishMany(
  count: number,
  publish: (i: number) => void,
  batch = 200,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    publish(i);
    if (i % batch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Publish until the server holds more than `bytes` of output for its sockets. A test that must
 * also stay under a limit passes a `batch` small enough that one batch cannot jump past it: how
 * much the kernel takes before the server holds anything varies with how writes are grouped.
 */
export function publishUntilHeld(
  t: TestApp,
  bytes: number,
  publish: (i: number) => void,
  batch?: number,
): Promise<number> {
  return publishUntil(
    async () => (await outboundBytes(t)) > bytes,
    publish,
    `the server to hold ${bytes} bytes`,
    batch,
  );
}
