/** The chart's time-zone setting: the symbol's exchange, the browser's zone, or UTC. */
export type ZoneSetting = "exchange" | "local" | "UTC";

/** The IANA zone a setting stands for (the exchange's zone comes from its SymbolInfo). */
export function zoneOf(setting: ZoneSetting, exchangeZone?: string): string {
  if (setting === "UTC") return "UTC";
  if (setting === "exchange" && exchangeZone) return exchangeZone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// Formatters are costly to build and the axis asks for labels on every frame: one per zone+shape.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-GB", {
      ...options,
      timeZone: zone,
      hourCycle: "h23",
    });
    formatters.set(key, found);
  }
  return found;
}

type Parts = Record<string, string>;
function parts(zone: string, ms: number, options: Intl.DateTimeFormatOptions) {
  const out: Parts = {};
  for (const part of formatter(zone, options).formatToParts(ms))
    out[part.type] = part.value;
  return out;
}

const ALL: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

/** Minutes the zone is ahead of UTC at `ms` (New York in winter: -300). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const p = parts(zone, ms, ALL);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "UTC−5", "UTC+5:30", "UTC" (with a real minus sign, as the brief's label). */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "\u2212" : "+";
  const abs = Math.abs(minutes);
  const mm = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, "0")}` : ""}`;
}

/** The zone's place name: "America/New_York" -> "New York"; UTC aliases -> "UTC". */
export function zoneCity(zone: string): string {
  if (/^(Etc\/)?(UTC|GMT|Zulu|UCT)$/i.test(zone)) return "UTC";
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** What the chart shows next to its axis: "New York (UTC−5)", "UTC". */
export function zoneLabel(zone: string, ms: number): string {
  const city = zoneCity(zone);
  if (city === "UTC") return "UTC";
  return `${city} (${offsetLabel(zoneOffsetMinutes(zone, ms))})`;
}

/**
 * The zone dates of a bar are read in. A daily, weekly or monthly bar is a date, not an instant
 * (its time is that date's UTC midnight), so it is always read in UTC: in New York it would
 * otherwise show the evening before.
 */
export function dateZone(zone: string, daily: boolean): string {
  return daily ? "UTC" : zone;
}

/** The crosshair's label: "Tue 01 Dec '26 14:30", or without the time for daily bars. */
export function formatCrosshair(
  seconds: number,
  zone: string,
  daily: boolean,
): string {
  const p = parts(dateZone(zone, daily), seconds * 1000, {
    ...ALL,
    weekday: "short",
    month: "short",
  });
  const date = `${p.weekday} ${p.day} ${p.month} '${p.year?.slice(-2)}`;
  return daily ? date : `${date} ${p.hour}:${p.minute}`;
}

/** Kinds of tick mark, as lightweight-charts' TickMarkType numbers them. */
export const TICK = {
  Year: 0,
  Month: 1,
  DayOfMonth: 2,
  Time: 3,
  TimeWithSeconds: 4,
} as const;

/** A time-axis tick label for the mark's kind, in the zone. */
export function formatTick(
  seconds: number,
  kind: number,
  zone: string,
  daily: boolean,
): string {
  const p = parts(dateZone(zone, daily), seconds * 1000, {
    ...ALL,
    month: "short",
  });
  switch (kind) {
    case TICK.Year:
      return p.year ?? "";
    case TICK.Month:
      return p.month ?? "";
    case TICK.DayOfMonth:
      return String(Number(p.day));
    case TICK.TimeWithSeconds:
      return `${p.hour}:${p.minute}:${p.second}`;
    default:
      return `${p.hour}:${p.minute}`;
  }
}

/** The chart options that put the time axis and the crosshair's label in `zone`. */
export function zoneOptions(zone: string, daily: boolean) {
  return {
    localization: {
      timeFormatter: (time: unknown) =>
        formatCrosshair(time as number, zone, daily),
    },
    timeScale: {
      tickMarkFormatter: (time: unknown, kind: number) =>
        formatTick(time as number, kind, zone, daily),
    },
  };
}
