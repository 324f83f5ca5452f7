/**
 * Reader of PostgreSQL's binary COPY format, for the large reads (bar history). Binary COPY
 * costs the server no number formatting and the client no text parsing: 10k 1-minute bars come
 * back 2x faster from PostgreSQL and 7x faster from PGlite than through a plain query.
 * Format: https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */

export type BinaryColumn = "int4" | "float8";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const WIDTH: Record<BinaryColumn, number> = { int4: 4, float8: 8 };

/**
 * The columns of a binary COPY whose fields are all non-null and of the given types, each as a
 * Float64Array (an int4 is exact in a double). Throws on anything else rather than misread it.
 */
export function readBinaryCopy(
  data: Buffer,
  types: readonly BinaryColumn[],
): Float64Array[] {
  if (
    data.length < SIGNATURE.length + 8 ||
    !data.subarray(0, 11).equals(SIGNATURE)
  )
    throw new Error("not a binary COPY stream: bad signature");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const extension = view.getInt32(SIGNATURE.length + 4);
  const first = SIGNATURE.length + 8 + extension;
  // Every field is fixed-width and non-null, so every row has the same size.
  const rowBytes = types.reduce((n, t) => n + 4 + WIDTH[t], 2);
  const body = data.length - first - 2;
  if (
    body < 0 ||
    body % rowBytes !== 0 ||
    view.getInt16(data.length - 2) !== -1
  )
    throw new Error(
      `binary COPY stream of ${data.length} bytes does not hold whole rows of ${types.join(", ")}`,
    );
  const rows = body / rowBytes;
  const count = types.length;
  const widths = Int32Array.from(types, (t) => WIDTH[t]);
  const columns = types.map(() => new Float64Array(rows));
  let at = first;
  for (let r = 0; r < rows; r++) {
    if (view.getInt16(at) !== count)
      throw new Error(`binary COPY row ${r} does not have ${count} fields`);
    at += 2;
    for (let c = 0; c < count; c++) {
      const width = widths[c] as number;
      if (view.getInt32(at) !== width)
        throw new Error(
          `binary COPY row ${r} field ${c} is not a non-null ${types[c]}`,
        );
      (columns[c] as Float64Array)[r] =
        width === 8 ? view.getFloat64(at + 4) : view.getInt32(at + 4);
      at += 4 + width;
    }
  }
  return columns;
}

/** A string as an SQL literal, for the statements that take no parameters (COPY). */
export function sqlLiteral(value: string): string {
  // An E'' string reads the same whatever standard_conforming_strings says.
  if (value.includes("\0")) throw new Error("an SQL literal cannot hold NUL");
  return `E'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** An integer for an SQL statement built as text, refused when it is anything else. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value))
    throw new Error(`${value} is not an integer`);
  return String(value);
}
