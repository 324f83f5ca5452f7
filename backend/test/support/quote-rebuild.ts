import type { QuoteData, QuoteDelta, QuoteUpdate } from "@tradewire/client";
import type { Frame } from "./test-socket";

/** Each symbol's quotes as a client rebuilds them from one topic's frames, and what it took. */
export interface RebuiltQuotes {
  /** Every whole quote in order, per symbol: wholes as sent, deltas applied to the one before. */
  readonly history: Map<string, QuoteData[]>;
  readonly wholes: number;
  readonly deltas: number;
  /** Deltas whose `base` was newer than the symbol's copy: the client would resubscribe. */
  readonly unapplied: number;
}

/**
 * Applies a topic's `quotes.update` frames as the spec says a client does: a delta applies when
 * the symbol's copy is current at a seq of at least its `base`.
 */
export function rebuildQuotes(
  frames: readonly Frame[],
  topic: string,
): RebuiltQuotes {
  const history = new Map<string, QuoteData[]>();
  const seqOf = new Map<string, number>();
  let wholes = 0;
  let deltas = 0;
  let unapplied = 0;
  for (const frame of frames) {
    if (frame.type !== "quotes.update" || frame.payload.topic !== topic)
      continue;
    const seq = frame.payload.seq as number;
    const data = frame.payload.payload as QuoteUpdate;
    const list = history.get(data.n) ?? [];
    history.set(data.n, list);
    if (!("base" in data)) {
      wholes += 1;
      list.push(data);
      seqOf.set(data.n, seq);
      continue;
    }
    deltas += 1;
    const known = list.at(-1);
    if (!known || (seqOf.get(data.n) ?? -1) < data.base) {
      unapplied += 1;
      continue;
    }
    list.push(applied(known, data));
    seqOf.set(data.n, seq);
  }
  return { history, wholes, deltas, unapplied };
}

function applied(quote: QuoteData, delta: QuoteDelta): QuoteData {
  return { s: "ok", n: quote.n, v: { ...quote.v, ...delta.v } };
}

/** Consecutive equal quotes once (a whole topic also sends a quote that did not change). */
export function distinct(quotes: readonly QuoteData[]): QuoteData[] {
  return quotes.filter(
    (q, i) => i === 0 || JSON.stringify(q) !== JSON.stringify(quotes[i - 1]),
  );
}
