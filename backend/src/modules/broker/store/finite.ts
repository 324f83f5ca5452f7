import type { BookChange } from "./broker-store";

/**
 * Refuse a change that carries NaN or an infinity anywhere in its numbers, before it reaches the
 * database or the book: one such value makes every later margin comparison false. A throw here is
 * a bug upstream (order rules and admission let nothing like it through); the database's CHECK
 * constraints are the line behind this one.
 */
export function assertFinite(change: BookChange): void {
  const bad: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) bad.push(`${path}=${String(value)}`);
    } else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value))
        visit(inner, path ? `${path}.${key}` : key);
    }
  };
  visit(change, "");
  if (bad.length > 0)
    throw new Error(
      `refusing to store a non-finite number in account ${change.accountId}: ${bad.join(", ")}`,
    );
}
