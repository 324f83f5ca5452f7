import type { QuoteData, QuoteUpdate } from "@tradewire/client";
import type { TopicUpdate } from "../../../ws";

type QuoteValues = QuoteData["v"];

/** The values of `next` that differ from `prev`'s; null when none does. */
export function changedValues(
  prev: QuoteValues,
  next: QuoteValues,
): Partial<QuoteValues> | null {
  const before = prev as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const key in after)
    if (after[key] !== before[key]) (out ??= {})[key] = after[key];
  return out;
}

/**
 * One symbol of a `delta: true` quotes topic: each update goes out as the values that changed
 * since the previous one (`QuoteDelta`, `base` its seq; 0 for the quote the topic started with,
 * which every snapshot is at least as new as), with the whole quote beside it for sockets that
 * are behind. A quote that did not change is not sent.
 */
export class SymbolDeltas {
  private seq = 0;

  constructor(
    private readonly topicUpdate: TopicUpdate<QuoteUpdate>,
    private last: QuoteData,
  ) {}

  publish(quote: QuoteData): void {
    const v = changedValues(this.last.v, quote.v);
    if (v === null) return;
    const base = this.seq;
    this.last = quote;
    this.seq = this.topicUpdate({ n: quote.n, base, v }, quote);
  }
}
