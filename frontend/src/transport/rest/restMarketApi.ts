import type { RestClient } from "@tradewire/client";
import { call } from "./call";
import type { MarketApi } from "./marketApi";

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
    history: ({ symbol, resolution, from, to, countBack }) =>
      call(
        rest.GET("/api/v1/datafeed/history", {
          params: {
            query: {
              symbol,
              resolution,
              from,
              to,
              ...(countBack === undefined ? {} : { countback: countBack }),
            },
          },
        }),
      ),
    serverTime: async () =>
      Number(
        await call(rest.GET("/api/v1/datafeed/time", { parseAs: "text" })),
      ),
  };
}
