import { getCurrentScope, onScopeDispose, watch } from "vue";
import type { Stream, StreamError } from "../services/stream";

/**
 * The one way a stream reaches a store: `apply` (a store action) hears every value of `stream`
 * until the returned function is called or the effect scope that called `feed` (a component's
 * setup) ends. A getter is followed: when it answers another stream, the old one stops first;
 * null means no stream for now.
 */
export function feed<T>(
  source: Stream<T> | (() => Stream<T> | null),
  apply: (value: T) => void,
  onError?: (error: StreamError) => void,
): () => void {
  let unsubscribe: (() => void) | undefined;
  const follow = (stream: Stream<T> | null) => {
    unsubscribe?.();
    unsubscribe = stream?.subscribe(apply, onError);
  };
  let unwatch: (() => void) | undefined;
  if (typeof source === "function")
    unwatch = watch(source, follow, { immediate: true });
  else follow(source);
  const stop = () => {
    unwatch?.();
    unwatch = undefined;
    follow(null);
  };
  if (getCurrentScope()) onScopeDispose(stop);
  return stop;
}
