import { MINUTE_MS } from "@tradewire/client";
import type { components, QuoteData } from "@tradewire/client";
import type { FastifyInstance } from "fastify";
import type { Clock } from "../../../clock";
import {
  MAX_BARS,
  minutesPerBar,
  type HistoryQuery,
  type HistoryResult,
} from "../history-query";
import type { MarketFeed } from "../live/market-feed";
import {
  DEFAULT_SEARCH_LIMIT,
  searchResult,
  searchSymbols,
  SUPPORTED_RESOLUTIONS,
  symbolInfo,
  type CatalogEntry,
  type ParsedResolution,
} from "../market";
import type { SeriesOptions } from "../series-options";
import { RESOLUTION_RULE, type SymbolCatalog } from "../symbol-catalog";
import { HttpError } from "../../../http/error-handlers";
import {
  restRoute,
  type RestContext,
  type RestHandler,
} from "../../../http/rest-route";
import { wireBar } from "../wire-bar";
import { seriesParamsRefusal } from "../continuous/series-params";
import { udfError, type Refusal } from "./udf-errors";

type RangeQuery = RestContext<"getHistory">["query"];
/** The UDF operations: their refusals, schema failures included, answer `{s: "error"}`. */
type UdfOperation =
  | "getDatafeedConfig"
  | "getSymbolInfo"
  | "searchSymbols"
  | "getServerTime"
  | "getHistory"
  | "getQuotes";
type QuoteErrorData = components["schemas"]["QuoteErrorData"];
type HistoryResponse = components["schemas"]["HistoryResponse"];

export interface UdfDependencies {
  readonly catalog: SymbolCatalog;
  readonly query: HistoryQuery;
  readonly feed: MarketFeed;
  readonly clock: Clock;
}

const MAX_QUOTE_SYMBOLS = 50;

/**
 * The UDF endpoints under /api/v1/datafeed, answering in the exact shapes the TradingView
 * Charting Library's UDF adapter reads, including `{s: "error", errmsg}` with a 4xx for bad input.
 */
export function registerUdfRoutes(
  app: FastifyInstance,
  deps: UdfDependencies,
): void {
  const { catalog, query, feed, clock } = deps;
  const types = [...new Set(catalog.entries.map((e) => e.type))];
  const exchanges = [...new Set(catalog.entries.map((e) => e.exchange))].sort();

  // Schema failures are answered in UDF shape by each route, not by the app's ErrorBody.
  const route = <K extends UdfOperation>(
    id: K,
    handler: RestHandler<K>,
    options: { serialize?: (body: unknown) => string } = {},
  ): void =>
    restRoute(app, id, handler, {
      ...options,
      onInvalid: ({ field, message }, request) =>
        udfError(request.log, {
          status: 400,
          code: "INVALID_PARAMS",
          message,
          ...(field ? { field } : {}),
        }),
    });

  route("getDatafeedConfig", () => ({
    status: 200,
    body: {
      supported_resolutions: [...SUPPORTED_RESOLUTIONS],
      supports_search: true,
      supports_group_request: false,
      supports_marks: false,
      supports_timescale_marks: false,
      supports_time: true,
      exchanges: [
        { value: "", name: "All Exchanges", desc: "" },
        ...exchanges.map((e) => ({ value: e, name: e, desc: e })),
      ],
      symbols_types: [
        { name: "All types", value: "" },
        ...types.map((t) => ({ name: t, value: t })),
      ],
    },
  }));

  route("getSymbolInfo", ({ query: q, request }) => {
    const entry = catalog.find(q.symbol);
    return entry
      ? { status: 200, body: symbolInfo(entry) }
      : udfError(request.log, unknownSymbol(q.symbol));
  });

  route("searchSymbols", ({ query: q }) => ({
    status: 200,
    body: searchSymbols(
      catalog.entries,
      q.query ?? "",
      q.type,
      q.exchange,
      q.limit ?? DEFAULT_SEARCH_LIMIT,
    ).map(searchResult),
  }));

  route("getServerTime", () => ({
    status: 200,
    body: String(Math.floor(clock.now() / 1000)),
  }));

  // Returns a refusal rather than answering it: /history answers in UDF shape, /bars in ErrorBody.
  const readRange = async (
    q: RangeQuery,
    url: string,
  ): Promise<{ result: HistoryResult } | { refusal: Refusal }> => {
    const entry = catalog.find(q.symbol);
    if (!entry) return { refusal: unknownSymbol(q.symbol) };
    const seriesRefusal = seriesParamsRefusal(entry, url);
    if (seriesRefusal) return { refusal: seriesRefusal };
    const resolution = catalog.resolution(q.resolution);
    if (!resolution) {
      return {
        refusal: {
          status: 400,
          code: "UNKNOWN_RESOLUTION",
          message: `unsupported resolution ${JSON.stringify(q.resolution)}; supported: ${RESOLUTION_RULE}`,
          field: "resolution",
        },
      };
    }
    if (q.countback === undefined) {
      if (q.from >= q.to)
        return {
          refusal: {
            status: 400,
            code: "INVALID_RANGE",
            message: `from (${q.from}) must be before to (${q.to})`,
            field: "from",
          },
        };
      if (barsIn(entry, resolution, q.from, q.to) > MAX_BARS) {
        return {
          refusal: {
            status: 400,
            code: "INVALID_RANGE",
            message: `the range holds more than ${MAX_BARS} ${resolution.canonical} bars; narrow it or use countback`,
            field: "from",
          },
        };
      }
    }
    const options: SeriesOptions = {
      fill: q.fill === true,
      adjustment: q.adjustment,
      roll: q.roll,
      rollDays: q.rollDays,
    };
    return {
      result: await query.bars(
        entry,
        resolution,
        q.from * 1000,
        q.to * 1000,
        q.countback,
        options,
      ),
    };
  };

  // Sent serialized: for the response schema's oneOf, fast-json-stringify validates the whole body
  // to pick a branch, then formats the numbers one call at a time, together 2-3x the time of
  // JSON.stringify on 10k bars. The tests hold this body to the spec's HistoryResponse.
  route(
    "getHistory",
    async ({ query: q, request }) => {
      const read = await readRange(q, request.url);
      if ("refusal" in read) return udfError(request.log, read.refusal);
      const { bars, nextTime } = read.result;
      const body: HistoryResponse =
        bars.length === 0
          ? nextTime === null
            ? { s: "no_data" }
            : { s: "no_data", nextTime: nextTime / 1000 }
          : {
              s: "ok",
              t: bars.map((b) => b.time / 1000),
              o: bars.map((b) => b.open),
              h: bars.map((b) => b.high),
              l: bars.map((b) => b.low),
              c: bars.map((b) => b.close),
              v: bars.map((b) => b.volume),
            };
      return { status: 200, body };
    },
    { serialize: JSON.stringify },
  );

  // Not a UDF endpoint: its errors are ErrorBody, like the rest of the API.
  restRoute(app, "getBars", async ({ query: q, request }) => {
    const read = await readRange(q, request.url);
    if ("refusal" in read) {
      const { status, code, message, field } = read.refusal;
      throw new HttpError(status, code, message, field);
    }
    const { bars, nextTime } = read.result;
    return {
      status: 200,
      body: {
        bars: bars.map(wireBar),
        ...(bars.length === 0 && nextTime !== null
          ? { nextTime: nextTime / 1000 }
          : {}),
      },
    };
  });

  route("getQuotes", async ({ query: q, request }) => {
    const names = q.symbols
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    if (names.length === 0 || names.length > MAX_QUOTE_SYMBOLS) {
      return udfError(request.log, {
        status: 400,
        code: "INVALID_PARAMS",
        message: `symbols must name 1 to ${MAX_QUOTE_SYMBOLS} comma-separated symbols`,
        field: "symbols",
      });
    }
    const d: (QuoteData | QuoteErrorData)[] = [];
    for (const name of names) {
      const entry = catalog.find(name);
      d.push(
        entry
          ? await feed.quoteOf(entry)
          : { s: "error", n: name, v: {}, errmsg: `unknown symbol ${name}` },
      );
    }
    return { status: 200, body: { s: "ok", d } };
  });
}

function unknownSymbol(symbol: string): Refusal<404> {
  return {
    status: 404,
    code: "UNKNOWN_SYMBOL",
    message: `unknown symbol ${JSON.stringify(symbol)}`,
    field: "symbol",
  };
}

/** How many bars of `resolution` fit in [from, to) seconds, by calendar time. */
function barsIn(
  entry: CatalogEntry,
  resolution: ParsedResolution,
  fromSeconds: number,
  toSeconds: number,
): number {
  return (
    ((toSeconds - fromSeconds) * 1000) /
    (minutesPerBar(resolution, entry) * MINUTE_MS)
  );
}
