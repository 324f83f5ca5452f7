import { OrderStatus, OrderType, Side } from "@tradewire/client";
import {
  offsetLabel,
  zoneCity,
  zoneOf,
  zoneOffsetMinutes,
} from "../chart/timeZone";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(
  min: number,
  max: number,
  signed = false,
): Intl.NumberFormat {
  const key = `${min}:${max}:${signed}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      ...(signed ? { signDisplay: "exceptZero" as const } : {}),
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** A dash for a value that is not there; 0 is a value and prints as one. */
const DASH = "—";

/** A price with exactly the symbol's decimals, so columns line up. */
export function formatPrice(
  value: number | undefined,
  precision: number,
): string {
  return value === undefined || Number.isNaN(value)
    ? DASH
    : numberFormat(precision, precision).format(value);
}

export function formatQty(value: number | undefined, precision = 0): string {
  return value === undefined
    ? DASH
    : numberFormat(0, Math.max(precision, 4)).format(value);
}

/** Money with a sign: `+1,234.50`, `-12.00`, `0.00`. */
export function formatPl(value: number | undefined): string {
  return value === undefined ? DASH : numberFormat(2, 2, true).format(value);
}

export function formatMoney(value: number | undefined): string {
  return value === undefined ? DASH : numberFormat(2, 2).format(value);
}

export function formatPercent(value: number | undefined): string {
  return value === undefined
    ? DASH
    : `${numberFormat(2, 2, true).format(value)}%`;
}

export function formatVolume(value: number | undefined): string {
  if (value === undefined) return DASH;
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)}B`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}K`;
  return numberFormat(0, 4).format(value);
}

/** `HH:MM:SS` in the browser's time zone (the one `timeHeader` names). */
export function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour12: false });
}

/** A time column's header and its tooltip. */
export interface TimeHeader {
  /** "Time (local, UTC+1)", "Time (UTC)". */
  readonly text: string;
  /** "Times in Europe/Berlin (UTC+1), this browser's time zone". */
  readonly title: string;
}

/**
 * Tables mix symbols of several exchanges, so their times stay in the browser's zone (not the
 * chart's); the header says which zone and its offset at `ms` (the offset follows daylight saving).
 */
export function timeHeader(
  label = "Time",
  ms = Date.now(),
  zone = zoneOf("local"),
): TimeHeader {
  const offset = offsetLabel(zoneOffsetMinutes(zone, ms));
  if (zoneCity(zone) === "UTC")
    return {
      text: `${label} (UTC)`,
      title: "Times in UTC, this browser's time zone",
    };
  return {
    text: `${label} (local, ${offset})`,
    title: `Times in ${zone} (${offset}), this browser's time zone`,
  };
}

/** Green, red or flat for a signed number. */
export function trend(value: number | undefined): "up" | "down" | "flat" {
  if (value === undefined || value === 0) return "flat";
  return value > 0 ? "up" : "down";
}

export function sideLabel(side: Side): string {
  return side === Side.Buy ? "Buy" : "Sell";
}

export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  [OrderType.Market]: "Market",
  [OrderType.Limit]: "Limit",
  [OrderType.Stop]: "Stop",
  [OrderType.StopLimit]: "Stop Limit",
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Canceled]: "Canceled",
  [OrderStatus.Filled]: "Filled",
  [OrderStatus.Inactive]: "Inactive",
  [OrderStatus.Placing]: "Placing",
  [OrderStatus.Rejected]: "Rejected",
  [OrderStatus.Working]: "Working",
};

/** Decimals of a price on a tick grid of `tickSize` (0.01 -> 2, 0.25 -> 2, 1 -> 0). */
export function decimalsOf(tickSize: number): number {
  for (let d = 0; d <= 10; d += 1) {
    if (Math.abs(Math.round(tickSize * 10 ** d) - tickSize * 10 ** d) < 1e-9)
      return d;
  }
  return 10;
}

/** Buys green, sells red. */
export function sideClass(side: Side): "up" | "down" {
  return side === Side.Buy ? "up" : "down";
}
