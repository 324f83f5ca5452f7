import type { EnvReader } from "../../../env";

/** What one account may hold; every one is an environment variable. */
export interface AlertsConfig {
  /** ALERTS_MAX_PER_ACCOUNT: alert rules one account may hold (deleted ones do not count). */
  readonly maxPerAccount: number;
}

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = { maxPerAccount: 200 };

/** ALERTS_MAX_PER_ACCOUNT. */
export function readAlertsConfig(env: EnvReader): AlertsConfig {
  return {
    maxPerAccount: env.int(
      "ALERTS_MAX_PER_ACCOUNT",
      DEFAULT_ALERTS_CONFIG.maxPerAccount,
      1,
      100_000,
    ),
  };
}
