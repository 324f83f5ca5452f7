/** PromQL words that look like names but are not metrics. */
const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
  "and",
  "or",
  "unless",
  "offset",
  "inf",
  "nan",
]);

/**
 * The metric names a PromQL expression reads: strings, label matchers, ranges, Grafana variables
 * and grouping clauses are stripped, and a name followed by `(` is a function or aggregation.
 */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, "")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\$\{?\w+\}?/g, "")
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi,
      "",
    );
  const names = new Set<string>();
  for (const [, name, call] of bare.matchAll(
    /(?<![\w.:])([a-zA-Z_:][\w:]*)(\s*\()?/g,
  )) {
    if (!name || call || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** The metric a Grafana `label_values(metric, label)` variable query reads. */
export function variableMetric(query: string): string | null {
  return /label_values\(\s*([a-zA-Z_:][\w:]*)\s*,/.exec(query)?.[1] ?? null;
}

/**
 * Whether a name is a metric family of the exposition, or a series of one: `_bucket`, `_sum` and
 * `_count` of a histogram, `_sum` and `_count` of a summary.
 */
export function isExported(name: string, types: Map<string, string>): boolean {
  if (types.has(name)) return true;
  const series = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (!series) return false;
  const type = types.get(series[1] ?? "");
  return type === "histogram" || (type === "summary" && series[2] !== "bucket");
}
