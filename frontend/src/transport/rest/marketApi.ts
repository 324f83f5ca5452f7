import type {
  Adjustment_Api_Backend,
  BarsResponse_Api_Backend,
  DatafeedConfiguration_Api_Backend,
  RollsResponse_Api_Backend,
  HistoryResponse_Api_Backend,
  SearchSymbolResult_Api_Backend,
  SymbolInfo_Api_Backend,
} from "../../clients/api-types-generated";

/** A UDF `/history` request; times in UTC epoch seconds, `to` exclusive. */
export interface HistoryRequest {
  readonly symbol: string;
  readonly resolution: string;
  readonly from: number;
  readonly to: number;
  /** Bars wanted ending before `to`; takes priority over `from`. */
  readonly countBack?: number;
  /** Continuous futures only (`ES1!`): how the series removes the jump at each roll. */
  readonly adjustment?: Adjustment_Api_Backend;
}

export interface SearchRequest {
  readonly query: string;
  readonly type?: string;
  readonly exchange?: string;
  readonly limit?: number;
}

/** The datafeed's REST side (UDF under /api/v1/datafeed), in wire shapes; failures are ApiErrors. */
export interface MarketApi {
  config(): Promise<DatafeedConfiguration_Api_Backend>;
  symbol(symbol: string): Promise<SymbolInfo_Api_Backend>;
  search(request: SearchRequest): Promise<SearchSymbolResult_Api_Backend[]>;
  history(request: HistoryRequest): Promise<HistoryResponse_Api_Backend>;
  /** The same bars as objects (`/datafeed/bars`), with session VWAP; errors are ErrorBody. */
  bars(request: HistoryRequest): Promise<BarsResponse_Api_Backend>;
  /** Roll dates of a continuous futures series; 400 naming `symbol` for any other symbol. */
  rolls(symbol: string): Promise<RollsResponse_Api_Backend>;
  /** Server time, UTC epoch seconds. */
  serverTime(): Promise<number>;
}
