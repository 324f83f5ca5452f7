import { DAY_MS } from "@tradewire/client";
import type { HistoryResponse_Api_Backend } from "../../clients/api-types-generated";
import type { Bar_Ws_Backend } from "../../clients/ws-types-generated";
import { SimulatedError } from "../simulatedError";
import type { SimulatedInstrument } from "./catalog";
import {
  periodBefore,
  type SimulatedPeriod,
  type SimulatedResolution,
} from "./periods";
import { barAt, sessionVwap } from "./priceModel";

/** A UDF `/history` request: seconds, `to` exclusive; `countBack` wins over `from`. */
export interface HistoryRange {
  readonly from: number;
  readonly to: number;
  readonly countBack?: number | undefined;
}

export interface HistoryClock {
  readonly now: number;
  /** How far back the instrument's history goes. */
  readonly listedDays: number;
}

/** The bar of one period as the server sends it at `now`: stamped with its label, session VWAP. */
export function periodBar(
  instrument: SimulatedInstrument,
  period: SimulatedPeriod,
  now: number,
): Bar_Ws_Backend {
  const bar = barAt(instrument, period.start, period.end - period.start, now);
  const vwapEnd = Math.max(period.sessionStart + 1, Math.min(period.end, now));
  return {
    ...bar,
    time: period.label,
    vwap: sessionVwap(instrument, period.sessionStart, vwapEnd),
  };
}

/** The newest period at `now` whose bar is stamped before `toMs`, or null. */
function lastPeriod(
  instrument: SimulatedInstrument,
  resolution: SimulatedResolution,
  toMs: number,
  now: number,
): SimulatedPeriod | null {
  const spec = instrument.info;
  let period = periodBefore(spec, resolution, Math.min(toMs, now + 1));
  while (period && period.label >= toMs)
    period = periodBefore(spec, resolution, period.start);
  return period;
}

/** The UDF `/history` answer at `resolution`, as the server would give it at `now`. */
export function historyOf(
  instrument: SimulatedInstrument,
  resolution: SimulatedResolution,
  { from, to, countBack }: HistoryRange,
  { now, listedDays }: HistoryClock,
): HistoryResponse_Api_Backend {
  if (countBack === undefined && from >= to)
    throw new SimulatedError(
      "INVALID_RANGE",
      `from (${from}) must be before to (${to})`,
    );
  const listed = now - listedDays * DAY_MS;
  const floor =
    countBack === undefined ? Math.max(from * 1000, listed) : listed;
  const bars: Bar_Ws_Backend[] = [];
  for (
    let period = lastPeriod(instrument, resolution, to * 1000, now);
    period &&
    period.label >= floor &&
    (countBack === undefined || bars.length < countBack);
    period = periodBefore(instrument.info, resolution, period.start)
  ) {
    bars.push(periodBar(instrument, period, now));
  }
  bars.reverse();
  if (bars.length === 0) {
    const before = lastPeriod(instrument, resolution, from * 1000, now);
    return before && before.label >= listed
      ? { s: "no_data", nextTime: before.label / 1000 }
      : { s: "no_data" };
  }
  return {
    s: "ok",
    t: bars.map((b) => b.time / 1000),
    o: bars.map((b) => b.open),
    h: bars.map((b) => b.high),
    l: bars.map((b) => b.low),
    c: bars.map((b) => b.close),
    v: bars.map((b) => b.volume),
  };
}
