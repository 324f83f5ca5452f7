import { DAY_MS } from "@tradewire/client";
import type { HistoryResponse_Api_Backend } from "../../clients/api-types-generated";
import type { Bar_Ws_Backend } from "../../clients/ws-types-generated";
import { bucketStart } from "../../model/resolution";
import { SimulatedError } from "../simulatedError";
import type { SimulatedInstrument } from "./catalog";
import { barAt } from "./priceModel";

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

/** The UDF `/history` answer for bars of `size` ms, as the server would give it at `now`. */
export function historyOf(
  instrument: SimulatedInstrument,
  size: number,
  { from, to, countBack }: HistoryRange,
  { now, listedDays }: HistoryClock,
): HistoryResponse_Api_Backend {
  if (countBack === undefined && from >= to)
    throw new SimulatedError(
      "INVALID_RANGE",
      `from (${from}) must be before to (${to})`,
    );
  const listed = bucketStart(size, now - listedDays * DAY_MS);
  const end = Math.min(to * 1000, now + 1);
  const floor =
    countBack === undefined ? Math.max(from * 1000, listed) : listed;
  const bars: Bar_Ws_Backend[] = [];
  for (
    let start = bucketStart(size, end - 1);
    start >= floor && (countBack === undefined || bars.length < countBack);
    start -= size
  ) {
    bars.push(barAt(instrument, start, size, now));
  }
  bars.reverse();
  if (bars.length === 0) {
    const before = bucketStart(size, Math.min(from * 1000, now + 1) - 1);
    return before >= listed
      ? { s: "no_data", nextTime: before / 1000 }
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
