import type {
  CacheModeResult,
  HistoryCacheEngineResult,
} from "../scenarios/history-cache";
import { fixed, mb, table } from "./table";

const percent = (x: number): string =>
  Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "-";

function modeRow(engine: string, m: CacheModeResult): string[] {
  const asked = m.hits + m.misses;
  return [
    `${engine}  cache ${m.mode}`,
    String(m.requests),
    String(m.dbReads),
    String(m.dbRows),
    asked > 0 ? percent(m.hits / asked) : "-",
    mb(m.cacheBytes),
    String(m.cacheBlocks),
    String(m.evictions),
    fixed(m.latencyMs.p50),
    fixed(m.latencyMs.p99),
    fixed(m.wallMs / 1000, 1),
  ];
}

export function historyCacheTable(
  results: readonly HistoryCacheEngineResult[],
  label: string,
): string {
  const rows: string[][] = [];
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === "skipped") {
      rows.push([`${r.engine}  skipped`, r.reason]);
      continue;
    }
    rows.push(modeRow(r.engine, r.off), modeRow(r.engine, r.on));
    lines.push(
      `${r.engine}: database reads -${percent(r.readsReduction)} (${r.off.dbReads} -> ${r.on.dbReads}), ` +
        `rows read -${percent(r.rowsReduction)} (${r.off.dbRows} -> ${r.on.dbRows}); ` +
        `answers identical: ${r.mismatches === 0 ? "yes" : `NO, ${r.mismatches} differ`} ` +
        `(${r.off.requests + r.on.requests} answers compared, ${r.on.bars} bars per run)`,
    );
  }
  return [
    table(
      `History cache: ${label}`,
      [
        "engine  run",
        "requests",
        "DB reads",
        "DB rows",
        "block hit ratio",
        "cache MB",
        "blocks",
        "evictions",
        "p50 ms",
        "p99 ms",
        "wall s",
      ],
      rows,
    ),
    ...lines,
  ].join("\n");
}
