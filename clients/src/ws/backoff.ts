export interface BackoffOptions {
  /** Delay before the first reconnect attempt. */
  readonly initialDelayMs: number;
  /** Cap on the delay, however many attempts failed. */
  readonly maxDelayMs: number;
  /** Growth of the delay per failed attempt. */
  readonly factor: number;
  /** Share of the delay that is randomised away, in [0, 1]: 0.5 waits 50% to 100% of it. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

/**
 * Delay before reconnect attempt `attempt` (1-based): capped exponential growth, scaled by a factor
 * in [1 - jitter, 1] so that clients dropped together by a restart do not return together.
 * `random` returns a value in [0, 1), like Math.random.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(
    options.maxDelayMs,
    options.initialDelayMs * options.factor ** exponent,
  );
  const jitter = Math.min(1, Math.max(0, options.jitter));
  // Rounded up to whole milliseconds, which keeps it within [base * (1 - jitter), base].
  return Math.ceil(base * (1 - jitter * random()));
}
