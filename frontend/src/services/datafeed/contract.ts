import type {
  DatafeedConfiguration_Api_Backend,
  SearchSymbolResult_Api_Backend,
  SymbolInfo_Api_Backend,
} from "../../clients/api-types-generated";
import type { Bar } from "../../model/bar";
import type { Adjustment } from "../../model/historyJob";

/*
 * The TradingView Charting Library datafeed contract (IBasicDataFeed), so that the library can be
 * given a DatafeedService as its `datafeed`. The spec defines its SymbolInfo, configuration and
 * search result as exactly TradingView's shapes, so those are the generated types themselves.
 */

export type LibrarySymbolInfo = SymbolInfo_Api_Backend;
export type DatafeedConfiguration = DatafeedConfiguration_Api_Backend;
export type SearchSymbolResultItem = SearchSymbolResult_Api_Backend;
export type ResolutionString = string;

export interface PeriodParams {
  /** Range start, UTC epoch seconds. */
  readonly from: number;
  /** Range end, UTC epoch seconds, exclusive. */
  readonly to: number;
  /** Bars the library wants ending before `to`; takes priority over `from`. */
  readonly countBack: number;
  /** True on the first request for a symbol and resolution. */
  readonly firstDataRequest: boolean;
  /**
   * Tradewire's addition, which the Charting Library never sets: the back-adjustment of a
   * continuous futures series (`ES1!`), chosen on the chart's toolbar.
   */
  readonly adjustment?: Adjustment;
}

export interface HistoryMetadata {
  /** No bars in the requested period. */
  readonly noData?: boolean;
  /** Newest bar before an empty period, UTC epoch seconds, as the UDF adapter passes it on. */
  readonly nextTime?: number | null;
}

export type OnReadyCallback = (configuration: DatafeedConfiguration) => void;
export type SearchSymbolsCallback = (items: SearchSymbolResultItem[]) => void;
export type ResolveCallback = (symbolInfo: LibrarySymbolInfo) => void;
export type DatafeedErrorCallback = (reason: string) => void;
export type HistoryCallback = (bars: Bar[], meta?: HistoryMetadata) => void;
export type SubscribeBarsCallback = (bar: Bar) => void;

export interface IBasicDataFeed {
  onReady(callback: OnReadyCallback): void;
  searchSymbols(
    userInput: string,
    exchange: string,
    symbolType: string,
    onResult: SearchSymbolsCallback,
  ): void;
  resolveSymbol(
    symbolName: string,
    onResolve: ResolveCallback,
    onError: DatafeedErrorCallback,
  ): void;
  getBars(
    symbolInfo: LibrarySymbolInfo,
    resolution: ResolutionString,
    periodParams: PeriodParams,
    onResult: HistoryCallback,
    onError: DatafeedErrorCallback,
  ): void;
  subscribeBars(
    symbolInfo: LibrarySymbolInfo,
    resolution: ResolutionString,
    onTick: SubscribeBarsCallback,
    listenerGuid: string,
    onResetCacheNeededCallback: () => void,
  ): void;
  unsubscribeBars(listenerGuid: string): void;
  getServerTime?(callback: (unixTime: number) => void): void;
}
