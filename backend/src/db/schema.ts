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

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** `scrypt$N$r$p$<salt b64>$<hash b64>` */
  password_hash: string;
  created_at: Generated<Date>;
}

export interface AccountsTable {
  id: string;
  user_id: string;
  name: string;
  currency: string;
  starting_balance: number;
  /** Order of the user's accounts; the first is the default a login acts on. */
  position: number;
}

export interface AccountStateTable {
  account_id: string;
  balance: number;
  realized_pl: number;
  /** Sequence of the account's newest execution (the executions channel cursor). */
  execution_seq: number;
  order_seq: number;
  /** Raised by every broker commit: the compare-and-set that serializes instances (migration 007). */
  version: Generated<number>;
}

export interface OrdersTable {
  id: string;
  account_id: string;
  client_order_id: string | null;
  symbol: string;
  type: number;
  side: number;
  qty: number;
  status: number;
  limit_price: number | null;
  stop_price: number | null;
  stop_triggered: boolean;
  filled_qty: number;
  avg_price: number | null;
  parent_id: string | null;
  parent_type: number | null;
  take_profit: number | null;
  stop_loss: number | null;
  duration: string;
  reject_code: string | null;
  reject_reason: string | null;
  /** Canonical JSON of the placement request, kept for orders placed with a client_order_id. */
  client_request: string | null;
  create_time: number;
  update_time: number;
}

export interface ExecutionsTable {
  id: string;
  account_id: string;
  sequence: number;
  order_id: string;
  symbol: string;
  side: number;
  qty: number;
  price: number;
  commission: number;
  time: number;
}

export interface PositionsTable {
  account_id: string;
  symbol: string;
  /** Signed: positive long, negative short, 0 flat. */
  net_qty: number;
  avg_price: number;
  realized_pl: number;
  update_time: number;
}

/** A token logout revoked (by its `jti`), kept until `expires_at` (epoch ms), then pruned. */
export interface RevokedTokensTable {
  token_id: string;
  user_id: string;
  expires_at: number;
  revoked_at: number;
}

/** An alert rule; `condition` is the spec's AlertCondition as JSON text. */
export interface AlertRulesTable {
  id: string;
  account_id: string;
  name: string;
  condition: string;
  repeat: boolean;
  cooldown_seconds: number;
  expires_at: number | null;
  /** active, triggered, expired or deleted. */
  status: string;
  /** Raised by every replace, so a firing decided under an older definition is not stored. */
  version: number;
  fire_count: number;
  last_fired_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One firing; `event` is the spec's AlertEvent as JSON text. */
export interface AlertEventsTable {
  account_id: string;
  sequence: number;
  alert_id: string;
  event: string;
  fired_at: number;
}

/** One roll of a continuous futures series (see migration 008); times in UTC epoch ms. */
export interface ContinuousRollsTable {
  series: string;
  policy: string;
  roll_days: number;
  time: number;
  trading_day: number;
  from_contract: string;
  to_contract: string;
  from_close: number;
  to_close: number;
}

/** One history job; `request` is the spec's HistoryJobInput as JSON text. */
export interface HistoryJobsTable {
  id: string;
  account_id: string;
  instance_id: string;
  request: string;
  /** queued, running, completed, failed or cancelled. */
  status: string;
  bars_done: number;
  bars_total: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  file_path: string | null;
  bytes: number | null;
  error_code: string | null;
  error_message: string | null;
  /**
   * When the running instance last said the queued or running job is alive (UTC ms): clustered,
   * the leader fails a job whose heartbeat is older than HISTORY_JOBS_ORPHAN_AFTER_MS.
   */
  heartbeat_at: number;
}

/** A user's UserSettings as JSON text, as last replaced (defaults are filled in on reading). */
export interface UserSettingsTable {
  user_id: string;
  settings: string;
  updated_at: number;
}

/** A named watchlist; `symbols` is a JSON array; `seq` orders a user's lists by creation. */
export interface WatchlistsTable {
  id: string;
  user_id: string;
  seq: Generated<number>;
  name: string;
  symbols: string;
  created_at: number;
  updated_at: number;
}

/** A user's drawings on one symbol's chart, the spec's Drawing[] as JSON text. */
export interface DrawingsTable {
  user_id: string;
  symbol: string;
  drawings: string;
  updated_at: number;
}

export interface DatabaseSchema {
  symbols: SymbolsTable;
  bars_1m: Bars1mTable;
  users: UsersTable;
  accounts: AccountsTable;
  account_state: AccountStateTable;
  orders: OrdersTable;
  executions: ExecutionsTable;
  positions: PositionsTable;
  revoked_tokens: RevokedTokensTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  continuous_rolls: ContinuousRollsTable;
  history_jobs: HistoryJobsTable;
  user_settings: UserSettingsTable;
  watchlists: WatchlistsTable;
  drawings: DrawingsTable;
}
