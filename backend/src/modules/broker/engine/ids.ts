import { randomBytes } from "node:crypto";

/** Opaque, unguessable ids: an order or execution id tells nothing about other accounts' activity. */
export function newId(prefix: "ord" | "exe"): string {
  return `${prefix}_${randomBytes(9).toString("base64url")}`;
}
