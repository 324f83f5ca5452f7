import type { RestClient } from "@tradewire/client";
import { call } from "./call";
import type { HistoryRequest, MarketApi } from "./marketApi";

/** MarketApi over the real UDF endpoints. */
export function restMarketApi(rest: RestClient): MarketApi {
  return {
    config: () => call(rest.GET("/api/v1/datafeed/config")),
    symbol: (symbol) =>
      call(
        rest.GET("/api/v1/datafeed/symbols", { params: { query: { symbol } } }),
      ),
    search: ({ query, type, exchange, limit }) =>
      call(
        rest.GET("/api/v1/datafeed/search", {
          params: {
            query: {
              query,
              ...(type ? { type } : {}),
              ...(exchange ? { exchange } : {}),
              ...(limit === undefined ? {} : { limit }),
            },
          },
        }),
      ),
    history: (request) =>
      call(
        rest.GET("/api/v1/datafeed/history", {
          params: { query: rangeQuery(request) },
        }),
      ),
    bars: (request) =>
      call(
        rest.GET("/api/v1/datafeed/bars", {
          params: { query: rangeQuery(request) },
        }),
      ),
    rolls: (symbol) =>
      call(
        rest.GET("/api/v1/datafeed/rolls", { params: { query: { symbol } } }),
      ),
    serverTime: async () =>
      Number(
        await call(rest.GET("/api/v1/datafeed/time", { parseAs: "text" })),
      ),
  };
}

/** The query of `/history` and `/bars`: optional parameters only when given. */
function rangeQuery({
  symbol,
  resolution,
  from,
  to,
  countBack,
  adjustment,
}: HistoryRequest) {
  return {
    symbol,
    resolution,
    from,
    to,
    ...(countBack === undefined ? {} : { countback: countBack }),
    ...(adjustment === undefined ? {} : { adjustment }),
  };
}
