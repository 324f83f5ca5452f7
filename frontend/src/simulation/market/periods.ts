import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import { bucketStart, resolutionMs } from "../../model/resolution";
import {
  minutePeriodAt,
  sessionLengthMs,
  sessionStartAt,
  tradingDayOf,
  type SessionSpec,
} from "../../model/sessionPeriods";

/** A simulated resolution: bar length, and whether bars go by trading day (`D`, `W`). */
export interface SimulatedResolution {
  readonly size: number;
  readonly daily: boolean;
}

export function simulatedResolution(
  resolution: string,
): SimulatedResolution | null {
  const size = resolutionMs(resolution);
  return size === null ? null : { size, daily: /[DW]$/.test(resolution) };
}

/** One bar's period: `label` its time, [start, end) the moments it covers, the VWAP's session. */
export interface SimulatedPeriod {
  readonly label: number;
  readonly start: number;
  readonly end: number;
  readonly sessionStart: number;
}

/** The period holding the trading moment `time`, or null when the symbol is closed then. */
export function periodAt(
  spec: SessionSpec,
  { size, daily }: SimulatedResolution,
  time: number,
): SimulatedPeriod | null {
  if (!daily) {
    const period = minutePeriodAt(spec, size / MINUTE_MS, time);
    return period && { ...period, label: period.start };
  }
  const session = sessionStartAt(spec, time);
  if (session === null) return null;
  const day = tradingDayOf(spec, session);
  const label = bucketStart(size, day);
  // The bucket's first session opens as long before this one as its date lies before this date.
  const start = session - (day - label);
  const end = start + size - DAY_MS + sessionLengthMs(spec);
  const last = sessionStartAt(spec, end - MINUTE_MS) ?? session;
  return { label, start, end, sessionStart: last };
}

/** Closed stretches end on half hours in the simulated catalog, so a closed minute skips its block. */
const BLOCK = 30 * MINUTE_MS;
/** Farther back than any closure (a long weekend): the symbol has no trading before. */
const LOOKBACK = 10 * DAY_MS;

/** The period holding the latest trading minute before `time`, or null when none is near. */
export function periodBefore(
  spec: SessionSpec,
  resolution: SimulatedResolution,
  time: number,
): SimulatedPeriod | null {
  let minute = Math.floor((time - 1) / MINUTE_MS) * MINUTE_MS;
  for (const stop = time - LOOKBACK; minute >= stop;) {
    const period = periodAt(spec, resolution, minute);
    if (period) return period;
    minute = Math.floor(minute / BLOCK) * BLOCK - MINUTE_MS;
  }
  return null;
}
