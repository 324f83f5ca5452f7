import { Counter, Gauge, type Registry } from "prom-client";
import type {
  BlockCacheEvents,
  ClosedBlockCache,
} from "./store/closed-block-cache";
import type { HistoryDbQuery, HistoryDbReads } from "./store/closed-history";

const QUERIES: readonly HistoryDbQuery[] = [
  "block",
  "range",
  "last",
  "newest",
  "oldest",
  "tail",
  "follow",
];

/**
 * `tradewire_history_cache_*` (the closed-day block cache of HISTORY_BLOCK_CACHE_MB) and
 * `tradewire_history_db_reads_total` / `_db_rows_total` (every database read the history issues),
 * so the load the cache takes off the database can be read off /metrics.
 */
export class HistoryCacheMetrics implements BlockCacheEvents, HistoryDbReads {
  private readonly hits: Counter;
  private readonly misses: Counter;
  private readonly evictions: Counter;
  private readonly dbReads: Counter<"query">;
  private readonly dbRows: Counter<"query">;

  /** The cache the gauges read, once it is built (it reports to this object). */
  private readonly watched: { cache?: ClosedBlockCache } = {};

  constructor(registry: Registry) {
    const { watched } = this;
    const counter = (name: string, help: string) =>
      new Counter({ name, help, registers: [registry] });
    this.hits = counter(
      "tradewire_history_cache_hits_total",
      "Closed-day blocks answered from the history block cache (or from a database read another request had already issued for them).",
    );
    this.misses = counter(
      "tradewire_history_cache_misses_total",
      "Closed-day blocks read from the database for the history block cache.",
    );
    this.evictions = counter(
      "tradewire_history_cache_evictions_total",
      "Blocks dropped from the history block cache to stay within HISTORY_BLOCK_CACHE_MB.",
    );
    new Gauge({
      name: "tradewire_history_cache_bytes",
      help: "Bytes held by the history block cache (bars and per-block overhead), at most HISTORY_BLOCK_CACHE_MB.",
      registers: [registry],
      collect() {
        this.set(watched.cache?.bytes ?? 0);
      },
    });
    new Gauge({
      name: "tradewire_history_cache_blocks",
      help: "Closed-day blocks (one symbol, one UTC day of 1-minute bars) held by the history block cache.",
      registers: [registry],
      collect() {
        this.set(watched.cache?.size ?? 0);
      },
    });
    this.dbReads = new Counter({
      name: "tradewire_history_db_reads_total",
      help: "Database reads issued by the bar history, by query: block (closed days for the cache), range, last, newest (reads not served by blocks), oldest, tail (loading the in-memory tail), follow (a follower reading the leader's minutes).",
      labelNames: ["query"],
      registers: [registry],
    });
    this.dbRows = new Counter({
      name: "tradewire_history_db_rows_total",
      help: "1-minute rows those database reads returned, by query.",
      labelNames: ["query"],
      registers: [registry],
    });
    // Every series from the start, so ratios have data before the first read.
    for (const query of QUERIES) {
      this.dbReads.inc({ query }, 0);
      this.dbRows.inc({ query }, 0);
    }
  }

  watch(cache: ClosedBlockCache): ClosedBlockCache {
    this.watched.cache = cache;
    return cache;
  }

  hit(blocks: number): void {
    this.hits.inc(blocks);
  }

  miss(blocks: number): void {
    this.misses.inc(blocks);
  }

  evicted(blocks: number): void {
    this.evictions.inc(blocks);
  }

  read(query: HistoryDbQuery, rows: number): void {
    this.dbReads.inc({ query });
    this.dbRows.inc({ query }, rows);
  }
}
