import type { Indicator, OhlcvBar } from "./types";

const FIELDS = ["time", "open", "high", "low", "close", "volume"] as const;

/** Null for a bar the math can use, else why not. */
export function checkBar(bar: OhlcvBar): string | null {
  for (const field of FIELDS)
    if (!Number.isFinite(bar[field]))
      return `bar ${field} must be a finite number`;
  if (bar.volume < 0) return "bar volume must not be negative";
  return null;
}

/**
 * Refuses an unusable bar with a RangeError before it reaches the state: one NaN would otherwise
 * poison every later value of a running average, for good.
 */
export function guarded(indicator: Indicator): Indicator {
  const refuse = (bar: OhlcvBar) => {
    const reason = checkBar(bar);
    if (reason !== null) throw new RangeError(reason);
  };
  return {
    lines: indicator.lines,
    warmup: indicator.warmup,
    push: (bar) => {
      refuse(bar);
      return indicator.push(bar);
    },
    peek: (bar) => {
      refuse(bar);
      return indicator.peek(bar);
    },
  };
}
