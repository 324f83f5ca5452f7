import { CME_EQUITY_SESSION, CME_TIMEZONE, futuresRoots } from "./futures";
import type { CatalogEntry, SimulationParams } from "./instrument";

/** TradingView's continuous futures names: `ES1!` follows the front contract, `ES2!` the next. */
export const CONTINUOUS_RANKS = [1, 2] as const;

const RANK_NAMES: Readonly<Record<1 | 2, string>> = {
  1: "front contract",
  2: "second contract",
};

/**
 * The continuous series of every futures root. They have no expiration and no simulation of
 * their own: their bars are stitched from the listed contracts (see `continuous/`), and they
 * cannot be traded. `sim` is the front contract's shape only so the entry type stays one; nothing
 * simulates a continuous entry (the catalog keeps them out of `stored`).
 */
export function continuousListings(
  contracts: readonly CatalogEntry[],
): CatalogEntry[] {
  return futuresRoots().flatMap(({ root, description }) => {
    const first = contracts.find((c) => c.ticker.startsWith(root));
    if (!first) return [];
    return CONTINUOUS_RANKS.map((rank) => ({
      ticker: `${root}${rank}!`,
      description: `${description}, continuous: ${RANK_NAMES[rank]}`,
      type: "futures" as const,
      session: CME_EQUITY_SESSION,
      timezone: CME_TIMEZONE,
      exchange: "CME",
      minmov: first.minmov,
      pricescale: first.pricescale,
      volume_precision: first.volume_precision,
      currency_code: first.currency_code,
      // A continuous series is priced and sized as the contracts it follows.
      ...(first.pointValue === undefined
        ? {}
        : { pointValue: first.pointValue }),
      sim: withoutLife(first.sim),
      continuous: { root, rank },
    }));
  });
}

/** Whether an entry is a continuous series (its bars come from contracts, not a feed). */
export function isContinuous(entry: CatalogEntry): boolean {
  return entry.continuous !== undefined;
}

function withoutLife({
  life: _life,
  ...sim
}: SimulationParams): SimulationParams {
  return sim;
}
