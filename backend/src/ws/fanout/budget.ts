import type { WsConnection } from "../connection/connection";
import type { WsMetrics } from "../metrics/metrics";

/**
 * Keep the output waiting for all sockets together within `budget` bytes (WS_MAX_TOTAL_BUFFER_BYTES).
 * Over it, sockets are shed furthest behind first: those already closing are terminated (their
 * close frame waits behind a backlog nobody reads, and terminating frees it now), then open ones
 * are closed with 4000, each counted as freed, until the total is back within the budget. A socket
 * shed this way and still holding its backlog at the next check is terminated then.
 * Returns the total before shedding.
 */
export function shedOverBudget(
  connections: Iterable<WsConnection>,
  budget: number,
  metrics: WsMetrics,
): number {
  let total = 0;
  const held: { conn: WsConnection; bytes: number }[] = [];
  for (const conn of connections) {
    const bytes = conn.backlogBytes;
    if (bytes === 0) continue;
    total += bytes;
    held.push({ conn, bytes });
  }
  if (total <= budget) return total;
  held.sort((a, b) => b.bytes - a.bytes);
  let left = total;
  for (const { conn, bytes } of held) {
    if (left <= budget) break;
    if (conn.open) continue;
    conn.socket.terminate();
    left -= bytes;
  }
  for (const { conn, bytes } of held) {
    if (left <= budget) break;
    if (!conn.open) continue;
    metrics.shedSockets.inc();
    conn.closeAsSlowConsumer("the server is over its outbound memory budget");
    left -= bytes;
  }
  return total;
}
