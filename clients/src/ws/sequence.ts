/** How one channel's updates are checked, from its descriptor. */
export interface SequenceTraits {
  /** Conflated channels skip seqs on purpose, so only the others treat a skip as loss. */
  readonly gapDetection: boolean;
  /** Payload field of a replay cursor (`sequence` on executions); null when there is none. */
  readonly cursorField: string | null;
}

/** Per-topic progress of a wire subscription. */
export interface StreamState {
  /** Seq of the latest update since the last ok subscribe response; undefined until one came. */
  lastSeq: number | undefined;
  /** Highest cursor value delivered; kept across resubscribes so replays resume from it. */
  cursor: number | undefined;
  /** A resubscribe for a gap is in flight. */
  recovering: boolean;
}

export interface Verdict {
  readonly deliver: boolean;
  readonly resubscribe: boolean;
}

export function newStream(cursor: number | undefined): StreamState {
  return { lastSeq: undefined, cursor, recovering: false };
}

/** A subscribe was confirmed: the snapshot or replay that follows carries the topic's current seq. */
export function resetBaseline(state: StreamState): void {
  state.lastSeq = undefined;
  state.recovering = false;
}

/**
 * Decides what to do with one update. `seq <= last` is a repeat (snapshot, replay): delivered,
 * baseline kept. `seq > last + 1` on a gap-detecting channel is loss: the caller resubscribes to
 * get the state again. On a cursor channel the update after a gap is held back, like everything
 * until the resubscribe is answered, because the replay from the cursor brings it again in
 * order; cursor values at or below the highest delivered are dropped as seam duplicates.
 */
export function admitUpdate(
  state: StreamState,
  traits: SequenceTraits,
  seq: number,
  data: object,
): Verdict {
  const hasCursor = traits.cursorField !== null;
  if (hasCursor && state.recovering)
    return { deliver: false, resubscribe: false };

  let resubscribe = false;
  const last = state.lastSeq;
  if (last === undefined) {
    state.lastSeq = seq;
  } else if (seq > last + 1 && traits.gapDetection) {
    if (hasCursor) {
      state.recovering = true;
      return { deliver: false, resubscribe: true };
    }
    resubscribe = !state.recovering;
    state.recovering = true;
    state.lastSeq = seq;
  } else if (seq > last) {
    state.lastSeq = seq;
  }

  if (traits.cursorField !== null) {
    const value = readNumber(data, traits.cursorField);
    if (value !== undefined) {
      if (state.cursor !== undefined && value <= state.cursor) {
        return { deliver: false, resubscribe };
      }
      state.cursor = value;
    }
  }
  return { deliver: true, resubscribe };
}

/**
 * An event recovered outside the socket (a resync over REST): delivered only when its cursor is
 * past the highest delivered, which it then becomes.
 */
export function admitRecovered(
  state: StreamState,
  traits: SequenceTraits,
  data: object,
): boolean {
  if (traits.cursorField === null) return false;
  const value = readNumber(data, traits.cursorField);
  if (value === undefined) return false;
  if (state.cursor !== undefined && value <= state.cursor) return false;
  state.cursor = value;
  return true;
}

export function readNumber(value: object, field: string): number | undefined {
  const found = (value as { readonly [key: string]: unknown })[field];
  return typeof found === "number" ? found : undefined;
}
