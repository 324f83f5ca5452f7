import { DAY_MS } from "@tradewire/client";
import { sessionStart, tradingDay, type CatalogEntry } from "../market";

/**
 * When a continuous series rolls from one contract to the next, under each policy. Pure: the
 * callers pass in the contracts, the daily volumes and the time up to which days are complete.
 * Rolls happen at the start of a trading day (17:00 Chicago the evening before, after the daily
 * halt), so no trading minute is ever split between two contracts.
 */

/** Sunday 0 .. Saturday 6 of a day given as 00:00 UTC of its date. */
function weekday(day: number): number {
  return new Date(day).getUTCDay();
}

/** The trading day `n` business days (Monday to Friday) before `day`. */
export function businessDaysBefore(day: number, n: number): number {
  let result = day;
  for (let left = n; left > 0;) {
    result -= DAY_MS;
    const wd = weekday(result);
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return result;
}

/** The business day after `day`. */
export function nextBusinessDay(day: number): number {
  let result = day + DAY_MS;
  while (weekday(result) === 0 || weekday(result) === 6) result += DAY_MS;
  return result;
}

/** First minute (UTC ms) of the trading day `day` (00:00 UTC of its date) of a symbol. */
export function tradingDayStart(entry: CatalogEntry, day: number): number {
  // The trading day's session opens at most a day before its date; 12:00 UTC of the date itself
  // lies inside it for an overnight session, so its session start is the day's start.
  return sessionStart(entry, day + DAY_MS / 2);
}

/** The trading day (00:00 UTC of its date) a contract expires on. */
export function expiryDay(entry: CatalogEntry, expiresAt: number): number {
  return tradingDay(entry, expiresAt - 1);
}

/**
 * The latest a series may roll off a contract: the start of its expiry day's trading day, so the
 * expiry day is served whole from the next contract (the old one stops trading in its morning).
 */
export function latestRoll(entry: CatalogEntry, expiresAt: number): number {
  return tradingDayStart(entry, expiryDay(entry, expiresAt));
}

/** `calendar`: the start of the trading day `rollDays` business days before the expiry day. */
export function calendarRollTime(
  entry: CatalogEntry,
  expiresAt: number,
  rollDays: number,
): number {
  return tradingDayStart(
    entry,
    businessDaysBefore(expiryDay(entry, expiresAt), rollDays),
  );
}

/** Volumes of the front and the next contract on one trading day. */
export interface DailyVolumes {
  /** 00:00 UTC of the trading day's date. */
  readonly day: number;
  readonly front: number;
  readonly next: number;
}

/**
 * `volume`: the start of the trading day after the first complete day on which the next
 * contract's volume exceeded the front's, at the latest `latestRoll`. Null while undecided: no
 * such day has completed by `now` and the latest roll is still ahead.
 */
export function volumeRollTime(
  entry: CatalogEntry,
  expiresAt: number,
  days: readonly DailyVolumes[],
  now: number,
): number | null {
  const latest = latestRoll(entry, expiresAt);
  for (const { day, front, next } of days) {
    const after = tradingDayStart(entry, nextBusinessDay(day));
    // A day is complete once the next one has started; the roll is never past the latest.
    if (after > now || after > latest) break;
    if (next > front) return after;
  }
  return now >= latest ? latest : null;
}
