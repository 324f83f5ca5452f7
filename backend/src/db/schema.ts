import type { Generated } from "kysely";

/**
 * Row types of the tables. They describe storage, not the wire: conversions to the spec's types
 * live in the module that owns each table. Times are UTC epoch minutes (`minute`) or milliseconds
 * stored as double precision, so both PGlite and PostgreSQL hand back plain numbers.
 */
export interface SymbolsTable {
  ticker: string;
  /** The symbol's TradingView LibrarySymbolInfo as served by /symbols. */
  info: unknown;
  updated_at: Generated<Date>;
}

export interface Bars1mTable {
  symbol: string;
  /** Bar opening time in minutes since the UTC epoch. */
  minute: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap: number;
  trades: number;
}

export interface DatabaseSchema {
  symbols: SymbolsTable;
  bars_1m: Bars1mTable;
}
