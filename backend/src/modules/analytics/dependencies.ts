import type { AccountDirectory } from "../../contracts/accounts";
import type { BarStreams } from "../../contracts/bar-streams";
import type { MarketData } from "../../contracts/market-data";

/** What analytics needs of other modules, given by whoever composes the app. */
export interface AnalyticsDependencies {
  /** Live bars and trades (the datafeed module's service). */
  readonly bars: BarStreams;
  /** Instrument rules and trading sessions (the datafeed module's service). */
  readonly market: MarketData;
  /** Whose account is whose (the auth module's service). */
  readonly accounts: AccountDirectory;
}
