import type { QuoteData, QuoteDelta } from "@tradewire/client";

/** A quote's values, as the quotes channel sends them. */
export type QuoteValues = QuoteData["v"];

/** Values of `next` that differ from `prev` (every quote value is a number or a string). */
export function changedValues(
  prev: QuoteValues,
  next: QuoteValues,
): Partial<QuoteValues> {
  const out: Record<string, unknown> = {};
  const before = prev as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  for (const key in after)
    if (after[key] !== before[key]) out[key] = after[key];
  return out;
}

/** A quote with `delta` applied: what the client would hand to its consumers. */
export function applyDelta(prev: QuoteData, delta: QuoteDelta): QuoteData {
  return { s: "ok", n: prev.n, v: { ...prev.v, ...delta.v } };
}

const HEAD = '{"type":"quotes.update","payload":{"topic":';

/** The update frame carrying `payload`, as the core's serializer writes it. */
export function updateText(
  topicJson: string,
  seq: number,
  payload: unknown,
): string {
  return `${HEAD}${topicJson},"seq":${seq},"payload":${JSON.stringify(payload)}}}`;
}
