import type { QuoteData, QuoteDelta } from "@tradewire/client";
import { applyDelta, changedValues, updateText } from "./quote-delta";
import type { RecordedTopic } from "./record";

/** Full and delta bytes per update of one class of symbols over a recorded stream. */
export interface DeltaBytes {
  readonly kind: string;
  readonly symbols: number;
  readonly updates: number;
  readonly fullBytes: number;
  readonly deltaBytes: number;
  /** Values sent per update, on average, in the delta form (15 in the full one). */
  readonly changedFields: number;
  /** Updates whose quote did not change at all (a minute closed without a trade). */
  readonly unchanged: number;
}

interface Frame {
  readonly topic: string;
  readonly seq: number;
  readonly payload: QuoteData;
}

/**
 * Bytes per update as the frames came off the socket, against the delta frame of each (the
 * snapshot is the starting state, not counted). Every delta is applied to the previous quote and
 * checked against the full one, so the measured form carries everything needed.
 */
export function deltaBytes(topics: readonly RecordedTopic[]): DeltaBytes[] {
  const kinds = [...new Set(topics.map((t) => t.kind))];
  return kinds.map((kind) => {
    const acc = { updates: 0, full: 0, delta: 0, fields: 0, unchanged: 0 };
    const mine = topics.filter((t) => t.kind === kind);
    for (const topic of mine) {
      const frames = topic.frames.map(
        (f) => JSON.parse(f) as { payload: Frame },
      );
      let prev = frames[0]?.payload as Frame;
      for (const [i, { payload }] of frames.entries()) {
        if (i === 0) continue;
        const v = changedValues(prev.payload.v, payload.payload.v);
        const delta: QuoteDelta = { n: payload.payload.n, base: prev.seq, v };
        const merged = applyDelta(prev.payload, delta);
        if (JSON.stringify(merged) !== JSON.stringify(payload.payload))
          throw new Error(
            `${topic.symbol}: the delta does not rebuild the quote`,
          );
        const topicJson = JSON.stringify(payload.topic);
        acc.updates += 1;
        acc.full += Buffer.byteLength(topic.frames[i] as string);
        acc.delta += Buffer.byteLength(
          updateText(topicJson, payload.seq, delta),
        );
        acc.fields += Object.keys(v).length;
        if (Object.keys(v).length === 0) acc.unchanged += 1;
        prev = payload;
      }
    }
    return {
      kind,
      symbols: mine.length,
      updates: acc.updates,
      fullBytes: acc.full / acc.updates,
      deltaBytes: acc.delta / acc.updates,
      changedFields: acc.fields / acc.updates,
      unchanged: acc.unchanged,
    };
  });
}

/** Which values changed, and how often: the share of updates in which each one did. */
export function fieldChangeShares(
  topics: readonly RecordedTopic[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  let updates = 0;
  for (const topic of topics) {
    const quotes = topic.frames.map(
      (f) => (JSON.parse(f) as { payload: Frame }).payload.payload,
    );
    for (let i = 1; i < quotes.length; i++) {
      updates += 1;
      const v = changedValues(
        (quotes[i - 1] as QuoteData).v,
        (quotes[i] as QuoteData).v,
      );
      for (const key of Object.keys(v)) counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  for (const key of Object.keys(counts))
    counts[key] = (counts[key] as number) / Math.max(1, updates);
  return counts;
}
