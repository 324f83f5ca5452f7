import type { EnvReader } from "../../env";

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
export function readLoginLimits(env: EnvReader): LoginLimits {
  const { int, fail } = env;
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
