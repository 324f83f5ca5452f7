/**
 * `{key: value}` when the wire carried the field, `{}` when it did not. Only `undefined` means
 * absent: 0, "" and false are values and are kept.
 */
export function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
