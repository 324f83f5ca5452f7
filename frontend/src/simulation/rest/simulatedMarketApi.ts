import type {
  BarsResponse_Api_Backend,
  DatafeedConfiguration_Api_Backend,
  HistoryResponse_Api_Backend,
} from "../../clients/api-types-generated";
import { SimulatedError } from "../simulatedError";
import { SIMULATED_RESOLUTIONS } from "../market/catalog";
import type { SimulatedMarket } from "../market/simulatedMarket";
import type { MarketApi } from "../../transport/rest/marketApi";
import { simulate } from "./simulate";

/** MarketApi served by the simulated market. */
export function simulatedMarketApi(market: SimulatedMarket): MarketApi {
  const infos = market.catalog.map((i) => i.info);
  const configuration: DatafeedConfiguration_Api_Backend = {
    supported_resolutions: [...SIMULATED_RESOLUTIONS],
    supports_search: true,
    supports_group_request: false,
    supports_marks: false,
    supports_timescale_marks: false,
    supports_time: true,
    exchanges: [
      { value: "", name: "All Exchanges", desc: "" },
      ...[...new Set(infos.map((i) => i.exchange))].map((e) => ({
        value: e,
        name: e,
        desc: e,
      })),
    ],
    symbols_types: [
      { name: "All types", value: "" },
      ...[...new Set(infos.map((i) => i.type))].map((t) => ({
        name: t,
        value: t,
      })),
    ],
  };
  return {
    config: () => simulate(() => configuration),
    symbol: (symbol) => simulate(() => market.instrument(symbol).info),
    search: ({ query, type, exchange, limit = 30 }) =>
      simulate(() => {
        const needle = query.trim().toUpperCase();
        return infos
          .filter((i) => !type || i.type === type)
          .filter((i) => !exchange || i.exchange === exchange)
          .filter(
            (i) =>
              i.ticker.includes(needle) ||
              i.description.toUpperCase().includes(needle),
          )
          .sort((a, b) => rank(a.ticker, needle) - rank(b.ticker, needle))
          .slice(0, limit)
          .map((i) => ({
            symbol: i.ticker,
            full_name: i.full_name ?? i.ticker,
            description: i.description,
            exchange: i.exchange,
            ticker: i.ticker,
            type: i.type,
          }));
      }),
    history: ({ symbol, resolution, from, to, countBack }) =>
      simulate(() => market.history(symbol, resolution, from, to, countBack)),
    // The simulation lists no continuous futures, so nothing has an adjustment or rolls.
    bars: ({ symbol, resolution, from, to, countBack }) =>
      simulate(() =>
        toBarsResponse(market.history(symbol, resolution, from, to, countBack)),
      ),
    rolls: (symbol) =>
      simulate(() => {
        market.instrument(symbol);
        throw new SimulatedError(
          "INVALID_PARAMS",
          `${symbol} is not a continuous futures series`,
          400,
          "symbol",
        );
      }),
    serverTime: () => simulate(() => Math.floor(market.now() / 1000)),
  };
}

/** Exact ticker first, then prefixes, then the rest. */
function rank(ticker: string, needle: string): number {
  if (ticker === needle) return 0;
  return ticker.startsWith(needle) ? 1 : 2;
}

/** `/bars` answers the bars of `/history` as objects, times in milliseconds. */
function toBarsResponse(
  history: HistoryResponse_Api_Backend,
): BarsResponse_Api_Backend {
  if (history.s === "no_data")
    return history.nextTime === undefined
      ? { bars: [] }
      : { bars: [], nextTime: history.nextTime };
  return {
    bars: history.t.map((t, i) => ({
      time: t * 1000,
      open: history.o[i] ?? Number.NaN,
      high: history.h[i] ?? Number.NaN,
      low: history.l[i] ?? Number.NaN,
      close: history.c[i] ?? Number.NaN,
      volume: history.v[i] ?? 0,
    })),
  };
}
