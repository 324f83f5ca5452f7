import { isIP } from "node:net";

/** Reads an integer variable within bounds (config.ts's reader). */
export type IntReader = (
  name: string,
  fallback: number,
  min: number,
  max: number,
) => number;
/** Refuses a variable's value, naming it (throws config.ts's ConfigError). */
export type Fail = (variable: string, reason: string) => never;

/** Login rate limits (see modules/auth/login-throttle.ts); every one is an environment variable. */
export interface LoginLimits {
  /** LOGIN_WINDOW_SECONDS: the window attempts are counted in. */
  readonly windowMs: number;
  /** LOGIN_MAX_ATTEMPTS_PER_ADDRESS: attempts (any outcome) per client address per window. */
  readonly maxAttemptsPerAddress: number;
  /** LOGIN_MAX_FAILURES_PER_USERNAME: failed attempts per username per window. */
  readonly maxFailuresPerUsername: number;
  /** LOGIN_LOCKOUT_SECONDS: the first lock; each further lock in a row doubles it. */
  readonly lockoutMs: number;
  /** LOGIN_LOCKOUT_MAX_SECONDS: the longest lock. */
  readonly maxLockoutMs: number;
  /** LOGIN_HASH_CONCURRENCY: password hashes computed at once (scrypt, on libuv's thread pool). */
  readonly hashConcurrency: number;
  /** LOGIN_HASH_QUEUE: attempts waiting for a hash slot; past it, 429 at once. */
  readonly hashQueue: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 600_000,
  maxAttemptsPerAddress: 30,
  maxFailuresPerUsername: 5,
  lockoutMs: 60_000,
  maxLockoutMs: 3_600_000,
  hashConcurrency: 2,
  hashQueue: 32,
};

/** The LOGIN_* variables; times are read in seconds. */
export function readLoginLimits(int: IntReader, fail: Fail): LoginLimits {
  const l = DEFAULT_LOGIN_LIMITS;
  const seconds = (name: string, fallbackMs: number, max: number) =>
    int(name, fallbackMs / 1000, 1, max) * 1000;
  const login: LoginLimits = {
    windowMs: seconds("LOGIN_WINDOW_SECONDS", l.windowMs, 86_400),
    maxAttemptsPerAddress: int(
      "LOGIN_MAX_ATTEMPTS_PER_ADDRESS",
      l.maxAttemptsPerAddress,
      1,
      1_000_000,
    ),
    maxFailuresPerUsername: int(
      "LOGIN_MAX_FAILURES_PER_USERNAME",
      l.maxFailuresPerUsername,
      1,
      1_000_000,
    ),
    lockoutMs: seconds("LOGIN_LOCKOUT_SECONDS", l.lockoutMs, 86_400),
    maxLockoutMs: seconds("LOGIN_LOCKOUT_MAX_SECONDS", l.maxLockoutMs, 604_800),
    hashConcurrency: int("LOGIN_HASH_CONCURRENCY", l.hashConcurrency, 1, 64),
    hashQueue: int("LOGIN_HASH_QUEUE", l.hashQueue, 0, 100_000),
  };
  if (login.maxLockoutMs < login.lockoutMs)
    fail(
      "LOGIN_LOCKOUT_MAX_SECONDS",
      `must be at least LOGIN_LOCKOUT_SECONDS (${login.lockoutMs / 1000})`,
    );
  return login;
}

/** TRUST_PROXY: unset or `false`, `true`, a hop count, or comma-separated addresses and CIDRs. */
export function readTrustProxy(
  raw: string | undefined,
  fail: Fail,
): boolean | number | string[] {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  for (const entry of entries) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits))
    )
      fail(
        "TRUST_PROXY",
        `must be true, false, a hop count, or addresses and CIDR ranges separated by commas; got ${JSON.stringify(entry)}`,
      );
  }
  return entries;
}

/**
 * A comma-separated list of origins, each `http(s)://host[:port]` with nothing after it; returned
 * in the form browsers send in `Origin` (lowercase host, default port left out).
 */
export function readOrigins(
  name: string,
  raw: string | undefined,
  fail: Fail,
): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      let url: URL;
      try {
        url = new URL(item);
      } catch {
        return fail(name, `has ${JSON.stringify(item)}, not an origin`);
      }
      const bare =
        (url.pathname === "/" || url.pathname === "") &&
        url.search === "" &&
        url.hash === "" &&
        url.username === "";
      if (!["http:", "https:"].includes(url.protocol) || !bare)
        fail(
          name,
          `has ${JSON.stringify(item)}: an origin is http(s)://host[:port], nothing after it`,
        );
      return url.origin;
    });
}
