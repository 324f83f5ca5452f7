/**
 * Names of the bus channels instances talk on. One place, so a module cannot publish where
 * nobody listens. Per-symbol and per-account channels let a Redis bus subscribe an instance only
 * to what its own sockets need.
 */

/** The leader's market events of one symbol (trades, closed minutes): `market.<ticker>`. */
export function marketChannel(ticker: string): string {
  return `market.${ticker}`;
}

/** Committed broker changes of one account: `broker.account.<accountId>`. */
export function brokerAccountChannel(accountId: string): string {
  return `broker.account.${accountId}`;
}

/** Every account's broker changes, for the leader's matching (it works orders of all accounts). */
export const BROKER_ORDERS_CHANNEL = "broker.orders";

/** Fired alerts and rule state of one account: `alerts.account.<accountId>`. */
export function alertsAccountChannel(accountId: string): string {
  return `alerts.account.${accountId}`;
}

/** Rules created, replaced or deleted on any instance, for the leader's evaluation. */
export const ALERT_RULES_CHANNEL = "alerts.rules";

/** History jobs' status changes and progress of one account: `jobs.account.<accountId>`. */
export function jobsAccountChannel(accountId: string): string {
  return `jobs.account.${accountId}`;
}

/**
 * Requests to the instance that runs a job (cancel) and its answers: `jobs.instance.<instanceId>`.
 * Every clustered instance listens on its own for its whole life.
 */
export function jobsInstanceChannel(instanceId: string): string {
  return `jobs.instance.${instanceId}`;
}
