import { nextSessionOpenAt, sessionStartAt } from "./sessionPeriods";
import type { SymbolSpec } from "./symbol";

/** Whether a symbol trades now, and when a closed one opens next. */
export interface MarketStatus {
  readonly open: boolean;
  /** UTC ms of the next open; absent while open or when unknown. */
  readonly nextOpen?: number;
  /** The next open in the exchange's zone: "Mon 09:30 New York". */
  readonly nextOpenLabel?: string;
  /** The exchange's zone as a place name ("New York", "UTC"). */
  readonly zone: string;
}

/** "America/New_York" -> "New York"; "Etc/UTC" -> "UTC". */
export function zoneName(timezone: string): string {
  const last = timezone.split("/").pop() ?? timezone;
  return last.replace(/_/g, " ");
}

/** Weekday and time of `timeMs` on the exchange's wall clock, with the zone's name. */
export function exchangeTimeLabel(timeMs: number, timezone: string): string {
  const text = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(timeMs);
  return `${text.replace(",", "")} ${zoneName(timezone)}`;
}

/**
 * The symbol's market status at `now` from its session (`0930-1600:23456`, `24x7`) in its
 * zone, as the server's broker decides it (every new order is refused with MARKET_CLOSED while
 * the session is closed). Holidays are not in the session string and are not known here.
 */
export function marketStatusAt(
  spec: Pick<SymbolSpec, "session" | "timezone">,
  now: number,
): MarketStatus {
  const zone = zoneName(spec.timezone);
  if (sessionStartAt(spec, now) !== null) return { open: true, zone };
  const nextOpen = nextSessionOpenAt(spec, now);
  if (nextOpen === null) return { open: false, zone };
  return {
    open: false,
    zone,
    nextOpen,
    nextOpenLabel: exchangeTimeLabel(nextOpen, spec.timezone),
  };
}

/** One line for the badge's title and the confirmation: "Market closed — opens Mon 09:30 New York". */
export function marketStatusText(status: MarketStatus): string {
  if (status.open) return "Market open";
  return status.nextOpenLabel
    ? `Market closed — opens ${status.nextOpenLabel}`
    : "Market closed";
}
