import { DAY_MS } from "@tradewire/client";
import type { ApiFailure } from "../../model/apiError";
import type {
  Adjustment,
  ExportFormat,
  HistoryJobInput,
} from "../../model/historyJob";
import { isResolution } from "../../model/resolution";
import { isContinuous } from "../../model/symbol";

/** The spec's bound on symbols per job (`HistoryJobInput.symbols.maxItems`). */
export const MAX_JOB_SYMBOLS = 10;

/** The History panel's form as typed: dates are `YYYY-MM-DD` (UTC days, both inclusive). */
export interface HistoryDraft {
  readonly symbols: readonly string[];
  readonly resolution: string;
  readonly from: string;
  readonly to: string;
  readonly adjustment: Adjustment;
  readonly format: ExportFormat;
}

/** Where an error is shown: next to a control, or `form` (beside Start) for the rest. */
export type DraftField =
  "symbols" | "resolution" | "from" | "to" | "adjustment" | "format" | "form";

export type DraftErrors = Partial<Record<DraftField, string>>;

export type DraftCheck =
  | { readonly ok: true; readonly input: HistoryJobInput }
  | { readonly ok: false; readonly errors: DraftErrors };

export type RangePreset = "1w" | "1m" | "all";

/** An adjustment only means something when a continuous future (`ES1!`) is among the symbols. */
export function adjustable(symbols: readonly string[]): boolean {
  return symbols.some(isContinuous);
}

/** Days as the date inputs spell them, in UTC. */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** UTC midnight of a `YYYY-MM-DD` day, or null when it is not one. */
function dayStart(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const time = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(time) || isoDay(time) !== day ? null : time;
}

/**
 * The dates of a quick range ending today: the last 7 days, the last calendar month's span, or
 * all stored history (from 1970-01-01: the server reads what it has).
 */
export function rangeOf(
  preset: RangePreset,
  now: number,
): { from: string; to: string } {
  const to = isoDay(now);
  if (preset === "all") return { from: isoDay(0), to };
  if (preset === "1w") return { from: isoDay(now - 7 * DAY_MS), to };
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - 1);
  return { from: isoDay(start.getTime()), to };
}

/**
 * Checks the form against the rules the server applies and builds the job's request, or says
 * what is wrong per field. `to` is the end of the last chosen day (the spec's `to` is exclusive).
 */
export function checkDraft(draft: HistoryDraft): DraftCheck {
  const errors: DraftErrors = {};
  if (draft.symbols.length === 0) errors.symbols = "Pick at least one symbol";
  else if (draft.symbols.length > MAX_JOB_SYMBOLS)
    errors.symbols = `At most ${MAX_JOB_SYMBOLS} symbols per job`;
  const resolution = draft.resolution.trim();
  if (!isResolution(resolution))
    errors.resolution =
      "Minutes 1–99999 (45), or 1–99 days, weeks or months (2D, 3W, 3M)";
  const from = dayStart(draft.from);
  const to = dayStart(draft.to);
  if (from === null) errors.from = "Pick a start date";
  if (to === null) errors.to = "Pick an end date";
  else if (from !== null && to < from)
    errors.to = "The end date is before the start date";
  if (draft.adjustment !== "none" && !adjustable(draft.symbols))
    errors.adjustment = "Only continuous futures (ES1!) take an adjustment";
  if (Object.keys(errors).length > 0 || from === null || to === null)
    return { ok: false, errors };
  return {
    ok: true,
    input: {
      symbols: [...draft.symbols],
      resolution,
      from: from / 1000,
      to: (to + DAY_MS) / 1000,
      ...(adjustable(draft.symbols) ? { adjustment: draft.adjustment } : {}),
      fill: false,
      format: draft.format,
    },
  };
}

const FIELDS: readonly DraftField[] = [
  "symbols",
  "resolution",
  "from",
  "to",
  "adjustment",
  "format",
];

/**
 * Where a refusal from the server goes: the control of the request property it names
 * (`symbols/1` → symbols), beside Start for the rest (`JOB_LIMIT`, an unavailable server).
 */
export function failureErrors(failure: ApiFailure): DraftErrors {
  const head = failure.field?.split(/[./[]/)[0] ?? "";
  const field = FIELDS.find((f) => f === head) ?? "form";
  return { [field]: failure.message };
}
