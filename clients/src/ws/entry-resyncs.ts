import type { Route } from "../generated/channels.js";
import type { Entry } from "./entry.js";
import { callListener } from "./errors.js";
import type { Timers } from "./options.js";
import { Resyncs, type ResyncSources } from "./resync.js";
import { admitRecovered } from "./sequence.js";
import type { ChannelData, UpdateMeta, WireData } from "./types.js";

/** What the registry lends the resyncs of its entries. */
export interface EntryResyncDeps {
  readonly sources: ResyncSources;
  readonly timers: Timers;
  readonly retryMs: number;
  isLive(entry: Entry): boolean;
  subscribe(entry: Entry): void;
  /** An update that was held back, handed to the registry's normal path. */
  update(entry: Entry, seq: number, data: WireData<Route>): void;
}

/** RESYNC_REQUIRED handling (resync.ts) for the registry's entries. */
export function entryResyncs(deps: EntryResyncDeps): Resyncs<Entry> {
  return new Resyncs<Entry>({
    sources: deps.sources,
    timers: deps.timers,
    retryMs: deps.retryMs,
    state: (entry) => entry.resync,
    setState: (entry, state) => {
      entry.resync = state;
    },
    route: (entry) => entry.route,
    isLive: (entry) => deps.isLive(entry),
    cursor: (entry) =>
      entry.channel.cursor ? (entry.stream.cursor ?? 0) : undefined,
    subscribe: (entry) => deps.subscribe(entry),
    recover: (entry, data) => {
      if (!admitRecovered(entry.stream, entry.traits, data)) return false;
      const meta: UpdateMeta = {
        route: entry.route,
        topic: entry.topic ?? entry.key,
        seq: entry.stream.lastSeq ?? 0,
        resynced: true,
      };
      // Only cursor channels resync, and none of them sends deltas.
      const whole = data as ChannelData<Route>;
      for (const listener of [...entry.listeners])
        callListener(() => listener.deliver(whole, meta));
      return true;
    },
    update: (entry, seq, data) => deps.update(entry, seq, data),
    notify: (entry, event) => {
      const full = { route: entry.route, key: entry.key, ...event };
      for (const listener of [...entry.listeners]) listener.resynced(full);
    },
  });
}
