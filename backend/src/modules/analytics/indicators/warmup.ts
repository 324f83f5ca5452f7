import { MINUTE_MS } from "@tradewire/client";

/** Most closed bars a topic reads to start (the BarStreams limit). */
export const START_BARS_MAX = 5_000;
/** Fewest bars a topic warms on before its first value sent, whatever the indicator. */
const CONVERGE_MIN = 100;
/** Warm-up bars per bar of the indicator's own warm-up: Wilder smoothing (1/n) forgets its start to ~e^-20. */
const CONVERGE_FACTOR = 20;

export interface WarmupInput {
  /** Closed bars of values the subscriber asked for. */
  readonly history: number;
  /** The indicator's own warm-up (bars before its first value). */
  readonly warmup: number;
  /** Session VWAP: the bars since the session began must all be read, else it starts mid-session. */
  readonly sessionBars?: number;
}

/**
 * How many closed bars a topic starts from: the asked `history`, plus the indicator's warm-up,
 * plus enough older bars that recursive averages (EMA, RSI, ATR, MACD) have forgotten where they
 * started: max(20 x warm-up, 100). Capped at 5,000 (then the oldest values may differ from a
 * computation over all history by the decayed remainder, documented in docs/indicators.md).
 */
export function startBars(input: WarmupInput): number {
  const converge = Math.max(CONVERGE_FACTOR * input.warmup, CONVERGE_MIN);
  const wanted = Math.max(
    input.history + input.warmup + converge,
    input.history + (input.sessionBars ?? 0),
  );
  return Math.min(START_BARS_MAX, wanted);
}

/**
 * Bars of an intraday resolution (`1`..`1440` minutes) between a session's start and now, plus
 * one for the bucket the start falls in; 1 for daily and longer (a bar is a session or more).
 */
export function barsSince(
  resolution: string,
  sessionStartMs: number,
  nowMs: number,
): number {
  if (!/^[0-9]+$/.test(resolution)) return 1;
  const barMs = Number(resolution) * MINUTE_MS;
  return Math.ceil(Math.max(0, nowMs - sessionStartMs) / barMs) + 1;
}
