import type { EnvReader } from "../../env";

/** The simulated market of the datafeed module. */
export interface MarketConfig {
  /** MARKET_SEED: the same seed gives the same market, bar for bar. */
  readonly seed: number;
  /** BACKFILL_DAYS: days of 1-minute history generated on first start. */
  readonly backfillDays: number;
  /** MARKET_TICK_MS: how often live trades are released and quotes and forming bars published. */
  readonly tickIntervalMs: number;
  /** HISTORY_CACHE_MINUTES: newest 1-minute bars kept in memory per symbol read (0: none). */
  readonly historyCacheMinutes: number;
  /** HISTORY_BLOCK_CACHE_MB: memory for closed days of 1-minute bars older than that (0: off). */
  readonly historyBlockCacheMb: number;
}

/** MARKET_SEED, BACKFILL_DAYS, MARKET_TICK_MS, HISTORY_CACHE_MINUTES, HISTORY_BLOCK_CACHE_MB. */
export function readMarketConfig(env: EnvReader): MarketConfig {
  return {
    seed: env.int("MARKET_SEED", 20_261_126, 0, 2 ** 31 - 1),
    backfillDays: env.int("BACKFILL_DAYS", 30, 0, 3650),
    tickIntervalMs: env.int("MARKET_TICK_MS", 250, 10, 60_000),
    // Two weeks of minutes: a 10k-bar 1-minute chart of a 24/7 symbol loads from memory.
    historyCacheMinutes: env.int("HISTORY_CACHE_MINUTES", 20_160, 0, 527_040),
    // 256 MB: about 2,900 symbol-days of a 24/7 symbol (92 KB a day), four months of the catalog.
    historyBlockCacheMb: env.int("HISTORY_BLOCK_CACHE_MB", 256, 0, 65_536),
  };
}
