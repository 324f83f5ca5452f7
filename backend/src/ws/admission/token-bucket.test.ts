import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket";

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function takeAll(bucket: TokenBucket, tries: number): number {
  let taken = 0;
  for (let i = 0; i < tries; i++) if (bucket.take()) taken += 1;
  return taken;
}

describe("TokenBucket", () => {
  it("lets a burst through at once, then refuses until time refills it", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 5, clock);
    expect(takeAll(bucket, 8)).toBe(5);
    expect(bucket.take()).toBe(false);
  });

  it("refills at the rate per second, fractions included", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 5, clock);
    takeAll(bucket, 5);
    clock.advance(50); // half a token
    expect(bucket.take()).toBe(false);
    clock.advance(50); // the second half
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(300);
    expect(takeAll(bucket, 10)).toBe(3);
  });

  it("never holds more than the burst, however long the socket was quiet", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 5, clock);
    clock.advance(60_000);
    expect(takeAll(bucket, 20)).toBe(5);
  });

  it("takes its rate and burst from the limits", () => {
    const clock = manualClock();
    const bucket = TokenBucket.forLimits(
      { messagesPerSecond: 2, messageBurst: 3 },
      clock,
    );
    expect(takeAll(bucket, 5)).toBe(3);
    clock.advance(500);
    expect(takeAll(bucket, 5)).toBe(1);
  });
});
