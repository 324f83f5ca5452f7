import type { Clock } from "../../clock";
import type { LoginLimits } from "./config";

/** Why an attempt is refused, and for how long. */
export interface Lockout {
  readonly by: "address" | "username";
  readonly retryAfterMs: number;
  /** True when this very attempt started the lock (worth one log line). */
  readonly started: boolean;
  /** How many locks in a row the key has had, this one included. */
  readonly level: number;
}

/** An admitted attempt; report its outcome with `succeeded` (failure needs no call). */
export interface LoginTicket {
  readonly address: string;
  readonly username: string;
}

interface KeyState {
  /** Attempts counted in the current window. */
  count: number;
  windowStart: number;
  lockedUntil: number;
  /** Locks in a row; the next lock lasts lockout x 2^locks. */
  locks: number;
}

/** Keys tracked at most; past it the oldest are forgotten (an address lock still holds then). */
const MAX_TRACKED_KEYS = 100_000;

/**
 * Login rate limits, checked before any database read or password hash. Every attempt counts
 * against its client address; against its username every attempt counts until it is known to have
 * succeeded (so attempts still being checked count too, and a burst cannot slip through). A key
 * that reaches its limit within the window is locked for `lockout`, doubling with each lock in a
 * row up to `maxLockout`; a quiet window after a lock ends starts the doubling again. While a key
 * is locked its attempts are refused and do not extend the lock; a success never lifts a lock.
 */
export class LoginThrottle {
  private readonly addresses = new Map<string, KeyState>();
  private readonly usernames = new Map<string, KeyState>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly clock: Clock,
  ) {}

  /** Admit an attempt, or say which lock refuses it. */
  admit(
    address: string,
    username: string,
  ): { ticket: LoginTicket } | { lockout: Lockout } {
    const now = this.clock.now();
    const key = { address, username: normalizeUsername(username) };
    const byAddress = this.state(this.addresses, key.address, now);
    const byUsername = this.state(this.usernames, key.username, now);
    for (const [by, state] of [
      ["address", byAddress],
      ["username", byUsername],
    ] as const) {
      if (state.lockedUntil > now)
        return {
          lockout: {
            by,
            retryAfterMs: state.lockedUntil - now,
            started: false,
            level: state.locks,
          },
        };
    }
    const over = (
      [
        ["address", byAddress, this.limits.maxAttemptsPerAddress],
        ["username", byUsername, this.limits.maxFailuresPerUsername],
      ] as const
    ).find(([, state, max]) => state.count >= max);
    if (over) {
      const [by, state] = over;
      return { lockout: { ...this.lock(state, now), by } };
    }
    byAddress.count += 1;
    byUsername.count += 1;
    return { ticket: key };
  }

  /** The password was right: the attempt no longer counts against the username (locks stay). */
  succeeded(ticket: LoginTicket): void {
    const state = this.usernames.get(ticket.username);
    if (state && state.count > 0) state.count -= 1;
  }

  /** The password was never checked (the server was too busy): give the username its attempt back. */
  notChecked(ticket: LoginTicket): void {
    this.succeeded(ticket);
  }

  private lock(
    state: KeyState,
    now: number,
  ): Omit<Lockout, "by"> & { started: true } {
    const { lockoutMs, maxLockoutMs, windowMs } = this.limits;
    if (state.lockedUntil !== 0 && now >= state.lockedUntil + windowMs)
      state.locks = 0;
    const duration = Math.min(lockoutMs * 2 ** state.locks, maxLockoutMs);
    state.locks += 1;
    state.lockedUntil = now + duration;
    state.count = 0;
    state.windowStart = state.lockedUntil;
    return { retryAfterMs: duration, started: true, level: state.locks };
  }

  private state(
    map: Map<string, KeyState>,
    key: string,
    now: number,
  ): KeyState {
    let state = map.get(key);
    if (!state) {
      if (map.size >= MAX_TRACKED_KEYS) this.forgetIdle(map, now);
      state = { count: 0, windowStart: now, lockedUntil: 0, locks: 0 };
      map.set(key, state);
    } else if (now >= state.windowStart + this.limits.windowMs) {
      state.count = 0;
      state.windowStart = now;
    }
    return state;
  }

  /** Drop keys with nothing left to remember; if that is not enough, the oldest ones. */
  private forgetIdle(map: Map<string, KeyState>, now: number): void {
    const { windowMs } = this.limits;
    for (const [key, s] of map) {
      if (now >= s.windowStart + windowMs && now >= s.lockedUntil + windowMs)
        map.delete(key);
    }
    for (const key of map.keys()) {
      if (map.size < MAX_TRACKED_KEYS) break;
      map.delete(key);
    }
  }
}

/** One key per person however the name is typed. */
function normalizeUsername(username: string): string {
  return username.normalize("NFKC").trim().toLowerCase();
}
