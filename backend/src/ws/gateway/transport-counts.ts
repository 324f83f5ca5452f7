import type { WsConnection } from "../connection/connection";

/** Open sockets per transport (`websocket` unless the adapter named another); read on scrape only. */
export function countByTransport(
  connections: Iterable<WsConnection>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { peer } of connections) {
    const transport = peer.transport ?? "websocket";
    counts.set(transport, (counts.get(transport) ?? 0) + 1);
  }
  return counts;
}
