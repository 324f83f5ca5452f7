import { readFileSync } from "node:fs";

/** Self size and count of the objects of one kind in a heap snapshot. */
export interface HeapKind {
  readonly name: string;
  readonly count: number;
  readonly bytes: number;
}

interface SnapshotMeta {
  readonly node_fields: string[];
  readonly node_types: [string[], ...unknown[]];
}

/**
 * Objects of a V8 heap snapshot grouped by kind (the constructor's name for objects, the node
 * type otherwise: `(string)`, `(closure)`, `(code)`...), with their self sizes. Reading a
 * snapshot costs a few seconds for 10k sockets, so it is taken only when asked.
 */
export function heapKinds(path: string): Map<string, HeapKind> {
  const snap = JSON.parse(readFileSync(path, "utf8")) as {
    snapshot: { meta: SnapshotMeta };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const kinds = new Map<string, { count: number; bytes: number }>();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt] as number] as string;
    const name =
      type === "object" || type === "native"
        ? (snap.strings[nodes[i + nameAt] as number] as string)
        : `(${type})`;
    const k = kinds.get(name) ?? { count: 0, bytes: 0 };
    k.count += 1;
    k.bytes += nodes[i + sizeAt] as number;
    kinds.set(name, k);
  }
  return new Map(
    [...kinds].map(([name, k]) => [
      name,
      { name, count: k.count, bytes: k.bytes },
    ]),
  );
}

/** What `after` holds beyond `before`, per kind, divided by `per` (sockets), largest first. */
export function heapGrowth(
  before: Map<string, HeapKind>,
  after: Map<string, HeapKind>,
  per: number,
): HeapKind[] {
  const out: HeapKind[] = [];
  for (const [name, a] of after) {
    const b = before.get(name);
    const bytes = (a.bytes - (b?.bytes ?? 0)) / per;
    const count = (a.count - (b?.count ?? 0)) / per;
    if (bytes > 0) out.push({ name, count, bytes });
  }
  return out.sort((x, y) => y.bytes - x.bytes);
}
