import type {
  DatafeedConfiguration_Api_Backend,
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
  /** Server time, UTC epoch seconds. */
  serverTime(): Promise<number>;
}
