import { describe, expect, it } from "vitest";
import { DEFAULT_LOGIN_LIMITS } from "./config";
import { addressKey } from "./client-address";
import { LoginThrottle } from "./login-throttle";

const clockAt = (start: number) => {
  const clock = { time: start, now: () => clock.time };
  return clock;
};

describe("LoginThrottle", () => {
  const limits = {
    ...DEFAULT_LOGIN_LIMITS,
    maxAttemptsPerAddress: 2,
    lockoutMs: 60_000,
    maxLockoutMs: 200_000,
    windowMs: 600_000,
  };
  let attempt = 0;
  const lockFor = (throttle: LoginThrottle, address: string) => {
    for (;;) {
      const r = throttle.admit(address, `someone-${attempt++}`);
      if ("lockout" in r) return r.lockout;
    }
  };

  it("doubles each lock in a row up to the longest lock, and starts again after a quiet window", () => {
    const clock = clockAt(0);
    const throttle = new LoginThrottle(limits, clock);
    const durations: number[] = [];
    for (let i = 0; i < 4; i++) {
      const lock = lockFor(throttle, "10.0.0.1");
      expect(lock.started).toBe(true);
      durations.push(lock.retryAfterMs);
      clock.time += lock.retryAfterMs;
    }
    expect(durations).toEqual([60_000, 120_000, 200_000, 200_000]);
    clock.time += 600_000;
    expect(lockFor(throttle, "10.0.0.1").retryAfterMs).toBe(60_000);
  });

  it("forgets attempts once the window has passed", () => {
    const clock = clockAt(0);
    const throttle = new LoginThrottle(limits, clock);
    expect("ticket" in throttle.admit("10.0.0.2", "a")).toBe(true);
    expect("ticket" in throttle.admit("10.0.0.2", "b")).toBe(true);
    clock.time += 600_000;
    expect("ticket" in throttle.admit("10.0.0.2", "c")).toBe(true);
  });
});

describe("addressKey", () => {
  it("keys IPv4 by address, IPv4-mapped IPv6 as IPv4, and IPv6 by its /64", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:1:bbbb:cccc:dddd:eeee")).toBe(
      "2001:db8:0:1::/64",
    );
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
