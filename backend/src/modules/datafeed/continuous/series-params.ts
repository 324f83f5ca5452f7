import type { CatalogEntry } from "../market";
import type { Refusal } from "../rest/udf-errors";

/**
 * The continuous-only parameters of a bars request, refused on any other symbol. Read from the
 * URL itself: the validated query already carries the spec's defaults (`roll=volume`), so only
 * the URL tells what the client asked for.
 */
export function seriesParamsRefusal(
  entry: CatalogEntry,
  url: string,
): Refusal<400> | null {
  if (entry.continuous) return null;
  const params = new URL(url, "http://localhost").searchParams;
  const adjustment = params.get("adjustment");
  if (adjustment !== null && adjustment !== "none")
    return notContinuous(entry, "adjustment");
  for (const field of ["roll", "rollDays"] as const)
    if (params.has(field)) return notContinuous(entry, field);
  return null;
}

function notContinuous(entry: CatalogEntry, field: string): Refusal<400> {
  return {
    status: 400,
    code: "INVALID_PARAMS",
    message: `${field} applies to continuous futures only (such as ES1!); ${entry.ticker} is not one`,
    field,
  };
}
