import type { EnvReader } from "../../../env";

/** What the indicators channel may hold; every one is an environment variable. */
export interface IndicatorLimits {
  /** INDICATORS_MAX_TOPICS: indicator topics computing at once, server-wide (each warms on up to 5,000 bars). */
  readonly maxTopics: number;
}

export const DEFAULT_INDICATOR_LIMITS: IndicatorLimits = { maxTopics: 10_000 };

/** INDICATORS_MAX_TOPICS. */
export function readIndicatorLimits(env: EnvReader): IndicatorLimits {
  return {
    maxTopics: env.int(
      "INDICATORS_MAX_TOPICS",
      DEFAULT_INDICATOR_LIMITS.maxTopics,
      1,
      1_000_000,
    ),
  };
}
