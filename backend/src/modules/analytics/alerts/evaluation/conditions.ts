import type { AlertCondition } from "../model";
import type { StreamState } from "./stream-state";

/** Whether a condition holds at the current trade, with the figure it is about. */
export interface Reading {
  readonly holds: boolean;
  readonly value?: number;
}

/** A condition bound to its stream: read at every trade, released when its rule is disarmed. */
export interface ConditionReader {
  /** Null when the condition cannot be read yet (an indicator warming up, too few bars). */
  read(): Reading | null;
  release(): void;
}

const nothing = (): void => undefined;
// Price rules read thousands of times a trade: no allocation per reading.
const HOLDS: Reading = { holds: true };
const NOT_HOLDING: Reading = { holds: false };
const reading = (holds: boolean): Reading => (holds ? HOLDS : NOT_HOLDING);

/** The stream a condition is evaluated on: price rules read the 1-minute stream's trades. */
export function streamOf(condition: AlertCondition): {
  symbol: string;
  resolution: string;
} {
  return condition.type === "volume-spike" ||
    condition.type === "indicator-cross"
    ? { symbol: condition.symbol, resolution: condition.resolution }
    : { symbol: condition.symbol, resolution: "1" };
}

/**
 * Each condition as a "holds" test; a rule fires when it turns from false to true, so it fires
 * once per crossing however long the price stays beyond the level.
 */
export function readerOf(
  condition: AlertCondition,
  state: StreamState,
): ConditionReader {
  const price = (): number => state.trade?.price ?? NaN;
  switch (condition.type) {
    case "price-cross": {
      const { level, direction } = condition;
      return {
        read: () =>
          reading(direction === "above" ? price() >= level : price() <= level),
        release: nothing,
      };
    }
    case "price-channel": {
      const { lower, upper, direction } = condition;
      return {
        read: () => {
          const inside = price() >= lower && price() <= upper;
          return reading(direction === "enters" ? inside : !inside);
        },
        release: nothing,
      };
    }
    case "price-move":
      return moveReader(condition, state);
    case "volume-spike": {
      const { factor, lookback } = condition;
      return {
        read: () => {
          const average = state.averageVolume(lookback);
          const volume = state.forming?.volume;
          if (average === null || volume === undefined || average <= 0)
            return null;
          return { holds: volume >= factor * average, value: volume };
        },
        release: nothing,
      };
    }
    case "indicator-cross":
      return indicatorReader(condition, state);
  }
}

function moveReader(
  condition: Extract<AlertCondition, { type: "price-move" }>,
  state: StreamState,
): ConditionReader {
  const { window, release } = state.window(condition.windowSeconds * 1000);
  const { percent, direction } = condition;
  return {
    read: () => {
      const p = state.trade?.price;
      if (p === undefined) return null;
      const rise = ((p - window.low()) / window.low()) * 100;
      const fall = ((window.high() - p) / window.high()) * 100;
      const up = direction !== "down" && rise >= percent;
      const down = direction !== "up" && fall >= percent;
      const moved =
        direction === "up"
          ? rise
          : direction === "down"
            ? -fall
            : rise >= fall
              ? rise
              : -fall;
      return { holds: up || down, value: Math.round(moved * 1e4) / 1e4 };
    },
    release,
  };
}

function indicatorReader(
  condition: Extract<AlertCondition, { type: "indicator-cross" }>,
  state: StreamState,
): ConditionReader {
  const { indicator, release } = state.indicator(condition.indicator);
  const { line, otherLine, level, direction } = condition;
  return {
    read: () => {
      const lines = indicator.current();
      const value = lines?.[line];
      const target = otherLine !== undefined ? lines?.[otherLine] : level;
      if (value === undefined || target === undefined) return null;
      return {
        holds: direction === "above" ? value >= target : value <= target,
        value,
      };
    },
    release,
  };
}
