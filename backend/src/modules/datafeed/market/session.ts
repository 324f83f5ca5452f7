import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import type { CatalogEntry } from "./instrument";
import { zoneOffsets, type ZoneOffsets } from "./timezone";

/**
 * Trading sessions in TradingView's notation, evaluated in the symbol's IANA time zone (DST
 * included). Supported: `24x7`, and one `HHMM-HHMM` range with optional `:days` (1 = Sunday ..
 * 7 = Saturday; every day when omitted). A range whose start is not before its end is an
 * overnight session belonging to the day it ends on, as in TradingView: with `1700-1600:23456`
 * Monday's session starts Sunday 17:00. `0000-0000` is a whole day.
 */

const DAY_MINUTES = 1440;

export interface CompiledSession {
  readonly alwaysOpen: boolean;
  readonly zone: ZoneOffsets;
  /** Local minutes of the day. */
  readonly start: number;
  readonly end: number;
  readonly overnight: boolean;
  /** Minutes in one session: the length of the profile table. */
  readonly length: number;
  /** Trading days by JavaScript weekday (0 = Sunday). */
  readonly days: readonly boolean[];
  /** No trading from this instant on (futures expiry); `Infinity` otherwise. */
  readonly closesForeverAt: number;
  readonly minutesPerWeek: number;
  /** Sessions per week that open after a closure (where an opening gap happens). */
  readonly opensPerWeek: number;
}

const compiled = new WeakMap<CatalogEntry, CompiledSession>();

export function compileSession(entry: CatalogEntry): CompiledSession {
  let session = compiled.get(entry);
  if (session === undefined) {
    session = parseSession(entry);
    compiled.set(entry, session);
  }
  return session;
}

function parseSession(entry: CatalogEntry): CompiledSession {
  const closesForeverAt =
    entry.expiration_date === undefined
      ? Number.POSITIVE_INFINITY
      : entry.expiration_date * 1000;
  const base = { zone: zoneOffsets(entry.timezone), closesForeverAt };
  if (entry.session === "24x7") {
    const days = [true, true, true, true, true, true, true];
    return withWeekStats({
      ...base,
      alwaysOpen: true,
      start: 0,
      end: DAY_MINUTES,
      overnight: false,
      length: DAY_MINUTES,
      days,
    });
  }
  const match = /^(\d{2})(\d{2})-(\d{2})(\d{2})(?::([1-7]+))?$/.exec(
    entry.session,
  );
  if (match === null) {
    throw new RangeError(`unsupported session "${entry.session}"`);
  }
  const [, h1, m1, h2, m2, dayDigits] = match;
  const start = Number(h1) * 60 + Number(m1);
  let end = Number(h2) * 60 + Number(m2);
  if (start === 0 && end === 0) end = DAY_MINUTES;
  const overnight = start >= end;
  const days = [false, false, false, false, false, false, false];
  for (const digit of dayDigits ?? "1234567") days[Number(digit) - 1] = true;
  return withWeekStats({
    ...base,
    alwaysOpen: false,
    start,
    end,
    overnight,
    length: overnight ? end + DAY_MINUTES - start : end - start,
    days,
  });
}

type SessionShape = Omit<CompiledSession, "minutesPerWeek" | "opensPerWeek">;

/** Walks one week of local minutes (DST ignored) to count trading minutes and session opens. */
function withWeekStats(session: SessionShape): CompiledSession {
  const week = 7 * DAY_MINUTES;
  let minutesPerWeek = 0;
  let opensPerWeek = 0;
  let previous = localIndex(session, 6, DAY_MINUTES - 1) >= 0;
  for (let minute = 0; minute < week; minute++) {
    const open =
      localIndex(
        session,
        Math.floor(minute / DAY_MINUTES),
        minute % DAY_MINUTES,
      ) >= 0;
    if (open) minutesPerWeek++;
    if (open && !previous) opensPerWeek++;
    previous = open;
  }
  return { ...session, minutesPerWeek, opensPerWeek };
}

/** Minutes in one session of the symbol (1440 for `24x7` and FX's 17:00-17:00). */
export function sessionLengthMinutes(entry: CatalogEntry): number {
  return compileSession(entry).length;
}

/** Index of a local minute within its session, or -1 when closed. */
function localIndex(
  session: SessionShape,
  weekday: number,
  minuteOfDay: number,
): number {
  if (session.alwaysOpen) return minuteOfDay;
  const { start, end, days } = session;
  if (!session.overnight) {
    return days[weekday] === true && minuteOfDay >= start && minuteOfDay < end
      ? minuteOfDay - start
      : -1;
  }
  // Overnight: the evening part belongs to tomorrow's session.
  if (minuteOfDay >= start) {
    return days[(weekday + 1) % 7] === true ? minuteOfDay - start : -1;
  }
  if (minuteOfDay < end) {
    return days[weekday] === true ? minuteOfDay + DAY_MINUTES - start : -1;
  }
  return -1;
}

/**
 * Position of the minute starting at `timeMs` within its session (0 = the session's first
 * minute), or -1 outside trading hours. For `24x7` the session is the UTC day.
 */
export function sessionMinuteIndex(
  entry: CatalogEntry,
  timeMs: number,
): number {
  return sessionIndexAt(compileSession(entry), timeMs);
}

/** `sessionMinuteIndex` on an already compiled session: the simulator's hot path. */
export function sessionIndexAt(
  session: CompiledSession,
  timeMs: number,
): number {
  if (timeMs >= session.closesForeverAt) return -1;
  const local = session.alwaysOpen
    ? timeMs
    : timeMs + session.zone.offsetMinutes(timeMs) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  // 1970-01-01 was a Thursday (weekday 4).
  const weekday = (((day + 4) % 7) + 7) % 7;
  return localIndex(session, weekday, minuteOfDay);
}

/** Whether the symbol trades in the minute starting at `minuteStartMs`. */
export function isTradingMinute(
  entry: CatalogEntry,
  minuteStartMs: number,
): boolean {
  return sessionMinuteIndex(entry, minuteStartMs) >= 0;
}

/** How far into its session a minute is, in [0, 1); -1 outside trading hours. */
export function sessionMinuteFraction(
  entry: CatalogEntry,
  timeMs: number,
): number {
  const index = sessionMinuteIndex(entry, timeMs);
  return index < 0 ? -1 : index / compileSession(entry).length;
}

/** Whether this minute opens a session after a closure: where the opening gap goes. */
export function isSessionOpening(
  entry: CatalogEntry,
  minuteStartMs: number,
): boolean {
  return (
    isTradingMinute(entry, minuteStartMs) &&
    !isTradingMinute(entry, minuteStartMs - MINUTE_MS)
  );
}

/**
 * The trading day a moment belongs to, as 00:00 UTC of its date (TradingView's daily bar time).
 * The evening part of an overnight session belongs to the next day; `24x7` uses the UTC day.
 */
export function tradingDay(entry: CatalogEntry, timeMs: number): number {
  const session = compileSession(entry);
  const local = session.alwaysOpen
    ? timeMs
    : timeMs + session.zone.offsetMinutes(timeMs) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  const rolled = session.overnight && minuteOfDay >= session.start;
  return (rolled ? day + 1 : day) * DAY_MS;
}

/**
 * The start (UTC ms) of the session a moment belongs to, where a session VWAP resets. In trading
 * hours, the session in progress; outside them, the next one, because a bar stamped there (a
 * UTC-aligned 60-minute bucket at 09:00 New York) holds only trades of the session that opens
 * next. `24x7`, and a symbol that never trades again, use the UTC day.
 */
export function sessionStart(entry: CatalogEntry, timeMs: number): number {
  const session = compileSession(entry);
  const utcDay = Math.floor(timeMs / DAY_MS) * DAY_MS;
  if (session.alwaysOpen) return utcDay;
  const local = timeMs + session.zone.offsetMinutes(timeMs) * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS);
  const startOn = (d: number): number => {
    const wall = d * DAY_MS + session.start * MINUTE_MS;
    // The offset at the start itself: it differs from the moment's across a DST change.
    const guess = wall - session.zone.offsetMinutes(timeMs) * MINUTE_MS;
    return wall - session.zone.offsetMinutes(guess) * MINUTE_MS;
  };
  if (isTradingMinute(entry, Math.floor(timeMs / MINUTE_MS) * MINUTE_MS))
    return startOn(minuteOfDay >= session.start ? day : day - 1);
  for (let d = day; d <= day + 8; d += 1) {
    const start = startOn(d);
    if (start >= timeMs && isTradingMinute(entry, start)) return start;
  }
  return utcDay;
}
