import type { Spread } from "../harness/stats";

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(
  title: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) =>
        i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [title, line(headers), rule, ...rows.map(line)].join("\n");
}

/** 49,850 -> "49.9k". */
export function rate(n: number): string {
  if (!Number.isFinite(n)) return "-";
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0);
}

export function fixed(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "-";
}

/** A median with its range: "8.4 (8.1-9.0)". */
export function spreadText(
  s: Spread,
  format: (n: number) => string = (n) => fixed(n),
): string {
  if (s.n === 0) return "-";
  if (s.n === 1) return format(s.median);
  return `${format(s.median)} (${format(s.min)}-${format(s.max)})`;
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0
    ? `${(a / b).toFixed(2)}x`
    : "-";
}

export function mb(bytes: number): string {
  return fixed(bytes / 1e6, 1);
}

export function kib(bytes: number): string {
  return fixed(bytes / 1024, 1);
}
