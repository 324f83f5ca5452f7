import { HOUR_MS, MINUTE_MS } from "@tradewire/client";
/**
 * UTC offsets of IANA time zones, cached per UTC hour. `Intl.DateTimeFormat` costs microseconds a
 * call; the simulator asks for millions of minutes, so each zone remembers the offset of every
 * hour it has seen. An hour is the right grain: the zones of the catalog (and nearly all others)
 * change offset only on whole UTC hours.
 */

/** Bounds memory in a long-running process; refilling costs one formatter call per hour. */
const MAX_CACHED_HOURS = 100_000;

/** Offsets of one zone, memoized per UTC hour; shared by every caller asking for that zone. */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly byHour = new Map<number, number>();
  private lastHour = Number.NaN;
  private lastOffset = 0;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** Offset from UTC at `timeMs`, in minutes (New York in winter: -300). */
  offsetMinutes(timeMs: number): number {
    const hour = Math.floor(timeMs / HOUR_MS);
    if (hour === this.lastHour) return this.lastOffset;
    let offset = this.byHour.get(hour);
    if (offset === undefined) {
      offset = computeOffset(this.format, hour * HOUR_MS);
      if (this.byHour.size >= MAX_CACHED_HOURS) this.byHour.clear();
      this.byHour.set(hour, offset);
    }
    this.lastHour = hour;
    this.lastOffset = offset;
    return offset;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared `ZoneOffsets` of an IANA zone (throws a RangeError for an unknown zone). */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/** Offset of `timeZone` from UTC at `timeMs`, in minutes (New York in winter: -300). */
export function utcOffsetMinutes(timeZone: string, timeMs: number): number {
  return zoneOffsets(timeZone).offsetMinutes(timeMs);
}

function computeOffset(format: Intl.DateTimeFormat, timeMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(timeMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wallClockAsUtc = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return Math.round((wallClockAsUtc - timeMs) / MINUTE_MS);
}

/**
 * The UTC instant of a wall-clock time in `timeZone`, given as if it were UTC
 * (`Date.UTC(y, m, d, h, min)`). Two passes settle the offset on either side of a DST change.
 */
export function zonedTimeToUtc(timeZone: string, wallClockMs: number): number {
  const guess =
    wallClockMs - utcOffsetMinutes(timeZone, wallClockMs) * MINUTE_MS;
  return wallClockMs - utcOffsetMinutes(timeZone, guess) * MINUTE_MS;
}
