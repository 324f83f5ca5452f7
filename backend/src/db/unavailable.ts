/**
 * Whether an error says the database cannot be reached right now (as opposed to a bad query): the
 * request may succeed if sent again shortly, and nothing was written (a transaction whose
 * connection dies is rolled back by the server). Looks through `cause` and AggregateError chains,
 * where drivers and Node wrap the socket error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return inspect(err, 0);
}

/** Socket-level failures on the way to the server. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: admin_shutdown,
 * crash_shutdown, cannot_connect_now (starting or in recovery), too_many_connections. Class 08
 * (connection exceptions) is matched by prefix.
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** What `pg` throws, without a code, when a connection ends or cannot be had in time. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
];

function inspect(err: unknown, depth: number): boolean {
  if (depth > 4 || typeof err !== "object" || err === null) return false;
  const { code, message, cause, errors } = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (
    typeof message === "string" &&
    DRIVER_MESSAGES.some((pattern) => pattern.test(message))
  )
    return true;
  if (Array.isArray(errors) && errors.some((e) => inspect(e, depth + 1)))
    return true;
  return inspect(cause, depth + 1);
}
