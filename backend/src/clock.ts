/** Time as the app sees it; tests pass a manual clock to make time-based logic deterministic. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
