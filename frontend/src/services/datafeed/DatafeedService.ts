import { toBar, toBarPage, type Bar } from "../../model/bar";
import { toRollSchedule, type RollSchedule } from "../../model/roll";
import type { Quote } from "../../model/quote";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import type { HistoryRequest, MarketApi } from "../../transport/rest/marketApi";
import { channelStream, type Stream } from "../stream";
import type { SymbolDirectory } from "./symbolDirectory";
import type {
  DatafeedConfiguration,
  HistoryCallback,
  IBasicDataFeed,
  LibrarySymbolInfo,
  PeriodParams,
  SearchSymbolsCallback,
  SubscribeBarsCallback,
} from "./contract";

const SEARCH_LIMIT = 30;

/**
 * The TradingView datafeed over REST (UDF) for history and symbols and the socket's `bars`
 * channel for live bars. Each `listenerGuid` is its own subscriber; equal symbol and resolution
 * share one wire topic in the client core.
 */
export class DatafeedService implements IBasicDataFeed {
  /** Reset callbacks per listener, called when a reconnect may have left a hole in the bars. */
  private readonly resets = new Map<string, () => void>();
  private readonly stopWatching: () => void;

  constructor(
    private readonly api: MarketApi,
    private readonly symbols: SymbolDirectory,
    private readonly adapter: Pick<WsAdapter, "bars" | "quotes" | "connection">,
  ) {
    let lost = false;
    this.stopWatching = adapter.connection.onState((state) => {
      if (state.status === "reconnecting") lost = true;
      if (state.status === "open" && lost) {
        lost = false;
        // Bars formed while the socket was down never arrived: the chart must reload history.
        for (const reset of [...this.resets.values()]) reset();
      }
    });
  }

  onReady(callback: (configuration: DatafeedConfiguration) => void): void {
    // The library wants the callback asynchronously, which the request makes it.
    this.api.config().then(callback, () => callback(DEFAULT_CONFIGURATION));
  }

  searchSymbols(
    userInput: string,
    exchange: string,
    symbolType: string,
    onResult: SearchSymbolsCallback,
  ): void {
    this.api
      .search({
        query: userInput,
        type: symbolType,
        exchange,
        limit: SEARCH_LIMIT,
      })
      .then(onResult, () => onResult([]));
  }

  resolveSymbol(
    symbolName: string,
    onResolve: (info: LibrarySymbolInfo) => void,
    onError: (reason: string) => void,
  ): void {
    this.symbols
      .info(symbolName)
      .then(onResolve, (error: unknown) => onError(reason(error)));
  }

  getBars(
    symbolInfo: LibrarySymbolInfo,
    resolution: string,
    periodParams: PeriodParams,
    onResult: HistoryCallback,
    onError: (reason: string) => void,
  ): void {
    const { from, to, countBack, adjustment } = periodParams;
    this.api
      .history({
        symbol: symbolInfo.ticker,
        resolution,
        from,
        to,
        ...(countBack > 0 ? { countBack } : {}),
        // Only continuous futures take one; `none` is the server's default anyway.
        ...(adjustment && adjustment !== "none" ? { adjustment } : {}),
      })
      .then(toBarPage)
      .then(
        (page) => {
          if (!page.noData) return onResult(page.bars, { noData: false });
          onResult([], {
            noData: true,
            ...(page.nextTime === undefined
              ? {}
              : { nextTime: page.nextTime / 1000 }),
          });
        },
        (error: unknown) => onError(reason(error)),
      );
  }

  subscribeBars(
    symbolInfo: LibrarySymbolInfo,
    resolution: string,
    onTick: SubscribeBarsCallback,
    listenerGuid: string,
    onResetCacheNeededCallback: () => void,
  ): void {
    this.resets.set(listenerGuid, onResetCacheNeededCallback);
    void this.adapter.bars.subscribe(
      listenerGuid,
      { symbol: symbolInfo.ticker, resolution },
      onTick,
    );
  }

  unsubscribeBars(listenerGuid: string): void {
    this.resets.delete(listenerGuid);
    this.adapter.bars.unsubscribe(listenerGuid);
  }

  /** Live quotes of `symbols` (1 to 50), one per symbol at once and then one per trade. */
  quotes(symbols: readonly string[]): Stream<Quote> {
    // Deltas: the client merges them, so the stream still yields whole quotes.
    return channelStream(this.adapter.quotes, {
      symbols: [...symbols],
      delta: true,
    });
  }

  /** Bars of a range as objects (`/datafeed/bars`), oldest first: the chart's compare series. */
  async bars(request: HistoryRequest): Promise<Bar[]> {
    const answer = await this.api.bars(request);
    return answer.bars.map(toBar);
  }

  /** Roll dates of a continuous futures series, for the chart's markers. */
  async rolls(symbol: string): Promise<RollSchedule> {
    return toRollSchedule(await this.api.rolls(symbol));
  }

  /** The server's clock, Unix ms (whole seconds: `/datafeed/time` answers seconds). */
  async serverTimeMs(): Promise<number> {
    return (await this.api.serverTime()) * 1000;
  }

  getServerTime(callback: (unixTime: number) => void): void {
    this.api.serverTime().then(callback, () => undefined);
  }

  /** Stops every bar subscription this service made. */
  dispose(): void {
    this.stopWatching();
    for (const guid of [...this.resets.keys()]) this.unsubscribeBars(guid);
  }
}

/** What onReady answers when the server cannot: the resolutions the terminal offers. */
const DEFAULT_CONFIGURATION: DatafeedConfiguration = {
  supported_resolutions: ["1", "5", "15", "60", "240", "1D", "1W"],
  supports_search: true,
  supports_group_request: false,
  supports_marks: false,
  supports_timescale_marks: false,
  supports_time: false,
  exchanges: [],
  symbols_types: [],
};

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
