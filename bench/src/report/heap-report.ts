import type { HeapBreakdown } from "../scenarios/memory";
import { SERVER_LABELS } from "../servers/server-kind";
import { fixed, table } from "./table";

/**
 * The kinds of objects that make up most of a socket's heap, one column per server: bytes per
 * socket, with objects per socket in brackets. `(array)` is V8's internal arrays (property and
 * element stores, Map tables, listener lists), `(closure)` functions, `system / Context` what
 * closures capture.
 */
export function heapBreakdownTable(
  breakdowns: readonly HeapBreakdown[],
  rows = 16,
): string {
  const kinds = new Map<string, number>();
  for (const b of breakdowns)
    for (const k of b.kinds)
      kinds.set(k.name, Math.max(kinds.get(k.name) ?? 0, k.bytes));
  const top = [...kinds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([name]) => name);
  const cell = (b: HeapBreakdown, name: string): string => {
    const k = b.kinds.find((x) => x.name === name);
    return k ? `${fixed(k.bytes, 0)} (${fixed(k.count, 1)})` : "-";
  };
  const total = (b: HeapBreakdown): string =>
    fixed(
      b.kinds.reduce((n, k) => n + k.bytes, 0),
      0,
    );
  return table(
    `Heap per idle subscribed socket by kind of object (${breakdowns[0]?.sockets ?? 0} sockets, ` +
      `heap snapshots after full GCs): bytes (objects) per socket`,
    ["kind", ...breakdowns.map((b) => SERVER_LABELS[b.server])],
    [
      ...top.map((name) => [name, ...breakdowns.map((b) => cell(b, name))]),
      ["total (every kind)", ...breakdowns.map(total)],
    ],
  );
}
