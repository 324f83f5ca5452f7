import type { Route } from "../generated/channels.js";
import { callListener, type SubscribeError } from "./errors.js";
import type { ResyncEvent } from "./resync.js";
import type {
  ChannelData,
  SubscribeOptions,
  UpdateListener,
  UpdateMeta,
} from "./types.js";

/** One `subscribe()` call: its callbacks and its `ready` promise, settled at most once. */
export interface Listener {
  // Method syntax keeps a listener of one channel storable beside those of the others.
  deliver(data: ChannelData<Route>, meta: UpdateMeta): void;
  confirm(topic: string): void;
  /** Rejects `ready` if still pending; `notify` also calls onError. */
  fail(error: SubscribeError, notify: boolean): void;
  resynced(event: ResyncEvent): void;
  readonly ready: Promise<string>;
  readonly settled: boolean;
}

export function createListener<R extends Route>(
  listener: UpdateListener<R>,
  { onError, onResync }: SubscribeOptions,
): Listener {
  let resolve!: (topic: string) => void;
  let reject!: (error: SubscribeError) => void;
  const ready = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers may rely on onError alone; a rejection nobody awaits must not crash the process.
  ready.catch(() => undefined);
  let settled = false;
  return {
    deliver: listener,
    ready,
    get settled() {
      return settled;
    },
    confirm(topic) {
      if (settled) return;
      settled = true;
      resolve(topic);
    },
    fail(error, notify) {
      if (!settled) {
        settled = true;
        reject(error);
      }
      if (notify && onError) callListener(() => onError(error));
    },
    resynced(event) {
      if (onResync) callListener(() => onResync(event));
    },
  };
}
