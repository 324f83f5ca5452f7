import type { CatalogEntry } from "./instrument";
import { activityProfile } from "./profile";
import { quantileTable } from "./random";
import { compileSession, type CompiledSession } from "./session";

/**
 * Per-instrument constants of the simulator, derived once from the catalog entry so that the
 * per-minute loop does arithmetic only.
 *
 * Volatility is measured in trading time: a year is 52 weeks of the session's trading minutes.
 * The variance of a year splits into a share released at session openings (the gap) and the
 * rest spread over the session's minutes along the activity profile.
 */

/** Log-price mean reversion per year of trading time: a half-life of about four months. */
const REVERSION_PER_YEAR = 2;
const WEEKS_PER_YEAR = 52;
/** Dispersion of log print sizes around the typical size. */
const SIZE_MULTIPLIERS = quantileTable((z) => Math.exp(0.8 * z));

export interface MarketModel {
  readonly entry: CatalogEntry;
  readonly session: CompiledSession;
  readonly profile: Float64Array;
  readonly streamName: string;
  readonly minmov: number;
  readonly pricescale: number;
  /** pricescale / minmov: prices times this are tick counts. */
  readonly ticksPerPrice: number;
  readonly spreadTicks: number;
  readonly logAnchor: number;
  readonly reversionPerMinute: number;
  /** Variance of the log price over an average session minute. */
  readonly minuteVariance: number;
  /** Standard deviation of the log-price gap at a session opening. */
  readonly gapSd: number;
  readonly tradesPerMinute: number;
  /** Sizes are handled as whole units of 10^-volume_precision to keep sums exact. */
  readonly sizeScale: number;
  readonly typicalUnits: number;
  readonly lotUnits: number;
  /** 0 when the instrument has no round lot. */
  readonly roundLotUnits: number;
  /** Print size multipliers around 1 (log-normal), as a quantile table. */
  readonly sizeMultipliers: Float64Array;
  /** Trading minutes in a year, for annualizing minute returns. */
  readonly minutesPerYear: number;
}

const models = new WeakMap<CatalogEntry, MarketModel>();

export function marketModel(entry: CatalogEntry): MarketModel {
  let model = models.get(entry);
  if (model === undefined) {
    model = buildModel(entry);
    models.set(entry, model);
  }
  return model;
}

function buildModel(entry: CatalogEntry): MarketModel {
  const session = compileSession(entry);
  const { sim } = entry;
  const minutesPerYear = session.minutesPerWeek * WEEKS_PER_YEAR;
  const yearVariance = sim.annualVolatility ** 2;
  const gapShare = session.opensPerWeek > 0 ? sim.gapShare : 0;
  const gapVariance =
    gapShare > 0
      ? (gapShare * yearVariance) / (WEEKS_PER_YEAR * session.opensPerWeek)
      : 0;
  const sizeScale = 10 ** entry.volume_precision;
  const lotUnits = Math.max(1, Math.round(sim.lotSize * sizeScale));
  return {
    entry,
    session,
    profile: activityProfile(entry),
    streamName: sim.stream ?? entry.ticker,
    minmov: entry.minmov,
    pricescale: entry.pricescale,
    ticksPerPrice: entry.pricescale / entry.minmov,
    spreadTicks: Math.max(1, Math.round(sim.spreadTicks)),
    logAnchor: Math.log(sim.initialPrice),
    reversionPerMinute: REVERSION_PER_YEAR / minutesPerYear,
    minuteVariance: ((1 - gapShare) * yearVariance) / minutesPerYear,
    gapSd: Math.sqrt(gapVariance),
    tradesPerMinute: sim.tradesPerMinute,
    sizeScale,
    typicalUnits: sim.typicalSize * sizeScale,
    lotUnits,
    roundLotUnits:
      sim.roundLot === undefined ? 0 : Math.round(sim.roundLot * sizeScale),
    sizeMultipliers: SIZE_MULTIPLIERS,
    minutesPerYear,
  };
}

/** Trading minutes per year of an instrument (52 weeks of its session), for annualizing. */
export function tradingMinutesPerYear(entry: CatalogEntry): number {
  return marketModel(entry).minutesPerYear;
}
