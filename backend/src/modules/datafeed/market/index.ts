/**
 * Pure market logic of the datafeed: the symbol catalog, trading sessions, the deterministic
 * market simulator, quotes and bar aggregation. No I/O, no clocks: callers pass times in.
 */
export {
  buildCatalog,
  DEFAULT_SEARCH_LIMIT,
  findSymbol,
  searchResult,
  searchSymbols,
  SUPPORTED_RESOLUTIONS,
  symbolInfo,
  type SearchSymbolResult,
} from "./catalog";
export {
  CONTINUOUS_RANKS,
  continuousListings,
  isContinuous,
} from "./continuous-symbols";
export {
  contractActivity,
  contractExpiry,
  CME_TIMEZONE,
  expiringShare,
  quarterlyContracts,
  thirdFriday,
  type ContractMonth,
} from "./futures";
export {
  fromTicks,
  tickSize,
  toTicks,
  type CatalogEntry,
  type ContinuousSeriesSpec,
  type ContractLife,
  type SimulationParams,
  type SymbolInfo,
  type SymbolType,
} from "./instrument";
export { tradingMinutesPerYear } from "./model";
export { MARGIN_RATES, tradingTerms, type TradingTerms } from "./trading-terms";
export { activityProfile } from "./profile";
export {
  isSessionOpening,
  isTradingMinute,
  sessionMinuteFraction,
  sessionLengthMinutes,
  sessionMinuteIndex,
  sessionStart,
  tradingDay,
} from "./session";
export {
  generateBars,
  simulateMinute,
  type MinuteSimulation,
} from "./simulator";
export { QuoteBook } from "./quote-book";
export {
  bucketEnd,
  bucketStart,
  parseResolution,
  requireResolution,
  type ParsedResolution,
  type ResolutionUnit,
} from "./resolution";
export {
  aggregateBars,
  barsFromTrades,
  type AggregateOptions,
} from "./aggregate";
export type { MarketBar, MinuteBar, Trade } from "./types";
export { Periods } from "./period";
export { SessionVwap } from "./session-vwap";
export {
  PeriodBarBuilder,
  type PreviousMinute,
  type SeriesBar,
} from "./period-bars";
