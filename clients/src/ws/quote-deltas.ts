import type { QuoteData, QuoteUpdate } from "../generated/models.js";

interface KnownQuote {
  readonly quote: QuoteData;
  /** The topic `seq` this quote is current at: its update's, or the snapshot's. */
  readonly seq: number;
}

/**
 * The symbols' whole quotes of one `quotes` subscription made with `delta: true`, so that each
 * `QuoteDelta` off the wire reaches listeners as a whole `QuoteData`. A delta applies when the
 * copy of its symbol is current at a `seq` of at least its `base` (the server says the symbol did
 * not change between `base` and the delta's own `seq`); otherwise an update of the symbol was
 * missed and only a snapshot can repair it.
 */
export class QuoteDeltas {
  private readonly known = new Map<string, KnownQuote>();

  /** The whole quote to deliver for the update at `seq`, or null when a resubscribe is needed. */
  admit(seq: number, data: QuoteUpdate): QuoteData | null {
    if (!("base" in data)) {
      this.known.set(data.n, { quote: data, seq });
      return data;
    }
    const known = this.known.get(data.n);
    if (known === undefined || known.seq < data.base) return null;
    const quote: QuoteData = {
      s: "ok",
      n: known.quote.n,
      v: { ...known.quote.v, ...data.v },
    };
    this.known.set(data.n, { quote, seq });
    return quote;
  }

  /** A new subscribe was confirmed (or the socket closed): its snapshot starts over. */
  clear(): void {
    this.known.clear();
  }
}
