import { Counter, type Registry } from "prom-client";

/** Where a history read was answered from: the in-memory tail or a database query. */
export type HistorySource = "cache" | "database";

export interface HistoryReads {
  read(source: HistorySource): void;
}

export const UNCOUNTED_READS: HistoryReads = { read: () => undefined };

/** `tradewire_history_reads_total{source}`: how well HISTORY_CACHE_MINUTES covers what is read. */
export function countedHistoryReads(registry: Registry): HistoryReads {
  const reads = new Counter({
    name: "tradewire_history_reads_total",
    help: 'History reads (REST history, bar snapshots), by where they were answered from: "cache" (the in-memory tail of HISTORY_CACHE_MINUTES) or "database" (older minutes, through the closed-day block cache of HISTORY_BLOCK_CACHE_MB, whose own hits and misses are tradewire_history_cache_*).',
    labelNames: ["source"],
    registers: [registry],
  });
  // Both series from the start, so a hit ratio has data before the first miss.
  reads.inc({ source: "cache" }, 0);
  reads.inc({ source: "database" }, 0);
  return { read: (source) => reads.inc({ source }) };
}
