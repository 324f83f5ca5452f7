import { DAY_MS, HOUR_MS, MINUTE_MS } from "@tradewire/client";
import type { SymbolInfo_Api_Backend } from "../clients/api-types-generated";

/**
 * The server's period alignment (README "Market data", Periods), for the offline simulation:
 * N minutes start at each session's open and never span two sessions (AAPL `60`: 09:30, 10:30 ...
 * 15:30 New York; FX from 17:00 New York; `24x7` from 00:00 UTC); days go by trading day, stamped
 * 00:00 UTC of the date, an overnight session's evening counting toward the next date. Sessions
 * are TradingView's `24x7` or one `HHMM-HHMM[:days]` range (1 = Sunday) in the symbol's zone.
 */
export type SessionSpec = Pick<SymbolInfo_Api_Backend, "session" | "timezone">;

interface Compiled {
  readonly alwaysOpen: boolean;
  readonly timezone: string;
  /** Local minutes of the day. */
  readonly start: number;
  readonly length: number;
  readonly overnight: boolean;
  /** Trading days by JavaScript weekday (0 = Sunday); a session belongs to the day it ends on. */
  readonly days: readonly boolean[];
}

const compiled = new Map<string, Compiled>();

function compile({ session, timezone }: SessionSpec): Compiled {
  const key = `${session}|${timezone}`;
  let found = compiled.get(key);
  if (found) return found;
  if (session === "24x7") {
    found = {
      alwaysOpen: true,
      timezone: "Etc/UTC",
      start: 0,
      length: DAY_MS / MINUTE_MS,
      overnight: false,
      days: [true, true, true, true, true, true, true],
    };
  } else {
    const match = /^(\d{2})(\d{2})-(\d{2})(\d{2})(?::([1-7]+))?$/.exec(session);
    if (!match) throw new RangeError(`unsupported session "${session}"`);
    const start = Number(match[1]) * 60 + Number(match[2]);
    let end = Number(match[3]) * 60 + Number(match[4]);
    if (start === 0 && end === 0) end = 1440;
    const overnight = start >= end;
    const days = [false, false, false, false, false, false, false];
    for (const digit of match[5] ?? "1234567") days[Number(digit) - 1] = true;
    found = {
      alwaysOpen: false,
      timezone,
      start,
      length: overnight ? end + 1440 - start : end - start,
      overnight,
      days,
    };
  }
  compiled.set(key, found);
  return found;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Offset of `timeZone` from UTC at `timeMs` in minutes, memoized per UTC hour (zones change on hours). */
function offsetMinutes(timeZone: string, timeMs: number): number {
  const hour = Math.floor(timeMs / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formats.set(timeZone, format);
  }
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(hour * HOUR_MS))
    if (part.type !== "literal") f[part.type] = Number(part.value);
  const wall = Date.UTC(
    f.year ?? 1970,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
  );
  const offset = Math.round((wall - hour * HOUR_MS) / MINUTE_MS);
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The UTC instant of a wall-clock time (given as if UTC); two passes settle a DST change. */
function wallToUtc(timeZone: string, wallMs: number): number {
  const guess = wallMs - offsetMinutes(timeZone, wallMs) * MINUTE_MS;
  return wallMs - offsetMinutes(timeZone, guess) * MINUTE_MS;
}

/** Start (UTC ms) of the session trading in the minute holding `timeMs`, or null when closed. */
export function sessionStartAt(
  spec: SessionSpec,
  timeMs: number,
): number | null {
  const s = compile(spec);
  const minute = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
  if (s.alwaysOpen) return Math.floor(minute / DAY_MS) * DAY_MS;
  const local = minute + offsetMinutes(s.timezone, minute) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = (local - day * DAY_MS) / MINUTE_MS;
  // 1970-01-01 was a Thursday (weekday 4).
  const weekday = (day + 4) % 7;
  const opensOn = (d: number) =>
    wallToUtc(s.timezone, d * DAY_MS + s.start * MINUTE_MS);
  const end = (s.start + s.length) % 1440 || 1440;
  if (!s.overnight)
    return s.days[weekday] === true &&
      minuteOfDay >= s.start &&
      minuteOfDay < end
      ? opensOn(day)
      : null;
  if (minuteOfDay >= s.start)
    return s.days[(weekday + 1) % 7] === true ? opensOn(day) : null;
  if (minuteOfDay < end)
    return s.days[weekday] === true ? opensOn(day - 1) : null;
  return null;
}

/** Length of one session in ms (a whole day for `24x7` and FX's 17:00-17:00). */
export function sessionLengthMs(spec: SessionSpec): number {
  return compile(spec).length * MINUTE_MS;
}

/** A period of `minutes` as the server builds it: [start, end), end clipped to the session's. */
export interface Period {
  readonly start: number;
  readonly end: number;
  readonly sessionStart: number;
}

/** The `minutes`-minute period holding `timeMs`, or null outside trading hours. */
export function minutePeriodAt(
  spec: SessionSpec,
  minutes: number,
  timeMs: number,
): Period | null {
  const session = sessionStartAt(spec, timeMs);
  if (session === null) return null;
  const size = minutes * MINUTE_MS;
  const minute = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
  const start = session + Math.floor((minute - session) / size) * size;
  const end = Math.min(start + size, session + sessionLengthMs(spec));
  return { start, end, sessionStart: session };
}

/** The trading day of a trading moment, as 00:00 UTC of its date (an evening counts toward tomorrow). */
export function tradingDayOf(spec: SessionSpec, sessionStart: number): number {
  const s = compile(spec);
  const local =
    sessionStart + offsetMinutes(s.timezone, sessionStart) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  return (s.overnight ? day + 1 : day) * DAY_MS;
}

/**
 * The next time (UTC ms) a session opens strictly after `timeMs`, or null for `24x7` (never
 * closes). A session belongs to the day it ends on, so an overnight session opening on Sunday
 * evening trades for Monday.
 */
export function nextSessionOpenAt(
  spec: SessionSpec,
  timeMs: number,
): number | null {
  const s = compile(spec);
  if (s.alwaysOpen) return null;
  const local = timeMs + offsetMinutes(s.timezone, timeMs) * MINUTE_MS;
  const today = Math.floor(local / DAY_MS);
  for (let day = today - 1; day <= today + 8; day += 1) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    const tradingDay = s.overnight ? (weekday + 1) % 7 : weekday;
    if (s.days[tradingDay] !== true) continue;
    const opens = wallToUtc(s.timezone, day * DAY_MS + s.start * MINUTE_MS);
    if (opens > timeMs) return opens;
  }
  return null;
}
