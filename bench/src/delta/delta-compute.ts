import type { QuoteData, QuoteDelta } from "@tradewire/client";
import { changedValues, updateText } from "./quote-delta";
import type { RecordedTopic } from "./record";

/** Server work per update, microseconds: the whole frame's serialization, or the delta's. */
export interface DeltaCompute {
  readonly fullMicros: number;
  readonly deltaMicros: number;
}

/**
 * What publishing deltas adds once per update, timed in this process over the recorded stream
 * (`rounds` passes, the first one not counted): building the whole frame (the core's one
 * `JSON.stringify` per update) against comparing with the previous quote, building the delta and
 * serializing it. Per delivery it is this divided by the subscribers of the topic.
 */
export function timeDeltaCompute(
  topics: readonly RecordedTopic[],
  rounds = 20,
): DeltaCompute {
  const streams = topics.map((t) => ({
    topicJson: JSON.stringify(`quotes:{"symbols":["${t.symbol}"]}`),
    quotes: t.frames.map(
      (f) =>
        (JSON.parse(f) as { payload: { payload: QuoteData } }).payload.payload,
    ),
  }));
  const updates = streams.reduce((n, s) => n + s.quotes.length - 1, 0);
  let full = 0;
  let delta = 0;
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const a = performance.now();
    for (const s of streams)
      for (let i = 1; i < s.quotes.length; i++)
        sink += updateText(s.topicJson, i, s.quotes[i]).length;
    const b = performance.now();
    for (const s of streams)
      for (let i = 1; i < s.quotes.length; i++) {
        const prev = s.quotes[i - 1] as QuoteData;
        const next = s.quotes[i] as QuoteData;
        const d: QuoteDelta = {
          n: next.n,
          base: i - 1,
          v: changedValues(prev.v, next.v),
        };
        sink += updateText(s.topicJson, i, d).length;
      }
    const c = performance.now();
    if (round === 0) continue;
    full += b - a;
    delta += c - b;
  }
  if (sink === 0) throw new Error("nothing was serialized");
  const per = (ms: number) => (ms * 1000) / (updates * (rounds - 1));
  return { fullMicros: per(full), deltaMicros: per(delta) };
}
