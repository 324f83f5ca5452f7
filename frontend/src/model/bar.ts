import { SECOND_MS } from "@tradewire/client";
import { optional } from "./optional";
import type { Bar_Api_Backend } from "../clients/api-types-generated";
import type { HistoryResponse_Api_Backend } from "../clients/api-types-generated";
import type { Bar_Ws_Backend } from "../clients/ws-types-generated";

/** One OHLCV bar; `time` is its opening time in UTC milliseconds, as TradingView's `Bar`. */
export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Session VWAP at the bar's close (`/bars` and the bars channel; UDF `/history` has none). */
  readonly vwap?: number;
  /** Present on a flat bar made by gap filling: no trade in the period. */
  readonly filled?: true;
}

/** A page of history: bars ascending, or none with the time of the newest older bar. */
export interface BarPage {
  readonly bars: Bar[];
  /** UTC milliseconds of the newest bar before the range, when the range was empty. */
  readonly nextTime?: number;
  /** True when the range held no bars. */
  readonly noData: boolean;
}

export function toBar(wire: Bar_Ws_Backend | Bar_Api_Backend): Bar {
  return {
    time: wire.time,
    open: wire.open,
    high: wire.high,
    low: wire.low,
    close: wire.close,
    volume: wire.volume,
    ...optional("vwap", wire.vwap),
    ...optional("filled", wire.filled === true ? true : undefined),
  };
}

/** UDF `/history` answers parallel arrays in seconds; the view wants bars in milliseconds. */
export function toBarPage(wire: HistoryResponse_Api_Backend): BarPage {
  if (wire.s === "no_data") {
    return wire.nextTime === undefined
      ? { bars: [], noData: true }
      : { bars: [], noData: true, nextTime: wire.nextTime * SECOND_MS };
  }
  const bars: Bar[] = [];
  wire.t.forEach((t, i) => {
    bars.push({
      time: t * SECOND_MS,
      open: wire.o[i] ?? Number.NaN,
      high: wire.h[i] ?? Number.NaN,
      low: wire.l[i] ?? Number.NaN,
      close: wire.c[i] ?? Number.NaN,
      volume: wire.v[i] ?? 0,
    });
  });
  return { bars, noData: bars.length === 0 };
}
