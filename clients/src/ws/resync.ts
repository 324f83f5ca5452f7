import type { ChannelMap, Route } from "../generated/channels.js";
import type { Timers } from "./options.js";

type ChannelData<R extends Route> = ChannelMap[R]["data"];

/**
 * Reads what a cursor channel's replay could not deliver: every event after `after`, oldest
 * first (`executionsResync` reads `GET /api/v1/broker/executions`). Events the client has already
 * delivered may be among them; they are dropped.
 */
export type ResyncSource<R extends Route> = (
  after: number,
) => Promise<readonly ChannelData<R>[]>;

/** A resync source per cursor channel (`{ executions: executionsResync(rest) }`). */
export type ResyncSources = { readonly [R in Route]?: ResyncSource<R> };

/** What a subscription's `onResync` hears once the server's RESYNC_REQUIRED has been dealt with. */
export interface ResyncEvent {
  readonly route: Route;
  /** The subscription's local key. */
  readonly key: string;
  /** The highest cursor delivered when the server asked for the resync. */
  readonly after: number;
  /**
   * How many events the resync source recovered and delivered, or null when there is no source
   * for the route or it kept failing: then the events after `after` that came before the first
   * live one were not delivered, and the application must read them itself.
   */
  readonly recovered: number | null;
  /** Why the source failed, when it did. */
  readonly error?: unknown;
}

/**
 * A subscription between the server's RESYNC_REQUIRED and the end of its recovery: it is
 * subscribed again without the cursor (live from now), and once that is confirmed the source is
 * read while live updates wait in `buffer`; then the source's events, and after them the buffered
 * ones, are delivered through the cursor check, so each event is delivered exactly once, in order.
 */
export interface ResyncState {
  readonly after: number;
  /** Live updates that arrived while the source was being read; null until the subscribe is confirmed. */
  buffer: { readonly seq: number; readonly data: ChannelData<Route> }[] | null;
  /** Bumped by every attempt, so that an answer from before a reconnect is dropped. */
  generation: number;
}

/** Tries before a resync gives up and reports `recovered: null`. */
export const RESYNC_ATTEMPTS = 3;

/** What a resync needs of the subscription registry; `E` is its entry. */
export interface ResyncHost<E> {
  readonly sources: ResyncSources;
  readonly timers: Timers;
  /** Pause before the source is tried again, times the attempt number. */
  readonly retryMs: number;
  state(entry: E): ResyncState | undefined;
  setState(entry: E, state: ResyncState | undefined): void;
  route(entry: E): Route;
  /** The entry still exists (nobody unsubscribed it meanwhile). */
  isLive(entry: E): boolean;
  /** The cursor delivered so far, or undefined when the entry has none. */
  cursor(entry: E): number | undefined;
  /** Sends the entry's subscribe (live only while a resync is under way). */
  subscribe(entry: E): void;
  /** Delivers a recovered event when its cursor is new; true when it did. */
  recover(entry: E, data: ChannelData<Route>): boolean;
  /** Hands a buffered live update to the normal path. */
  update(entry: E, seq: number, data: ChannelData<Route>): void;
  notify(entry: E, event: Omit<ResyncEvent, "route" | "key">): void;
}

/** The client side of RESYNC_REQUIRED, for every cursor subscription of a registry. */
export class Resyncs<E> {
  constructor(private readonly host: ResyncHost<E>) {}

  /** The server could not replay: subscribe again live and recover the rest; false if not a cursor channel. */
  begin(entry: E): boolean {
    const host = this.host;
    if (host.cursor(entry) === undefined && host.state(entry) === undefined)
      return false;
    if (host.state(entry) === undefined)
      host.setState(entry, {
        after: host.cursor(entry) ?? 0,
        buffer: null,
        generation: 0,
      });
    host.subscribe(entry);
    return true;
  }

  /** The live subscribe is confirmed: read the source while live updates wait. */
  confirmed(entry: E): void {
    const state = this.host.state(entry);
    if (!state) return;
    state.generation += 1;
    state.buffer = [];
    const source = this.host.sources[this.host.route(entry)] as
      ResyncSource<Route> | undefined;
    if (!source) this.finish(entry, state, null);
    else this.read(entry, state, state.generation, source, 1);
  }

  /** Keep a live update back while the source is read; false when there is nothing to wait for. */
  hold(entry: E, seq: number, data: ChannelData<Route>): boolean {
    const buffer = this.host.state(entry)?.buffer;
    if (!buffer) return false;
    buffer.push({ seq, data });
    return true;
  }

  /** The socket is gone: what was buffered will be sent again; the source is read after the next confirm. */
  disconnected(entry: E): void {
    const state = this.host.state(entry);
    if (!state) return;
    state.buffer = null;
    state.generation += 1;
  }

  private read(
    entry: E,
    state: ResyncState,
    generation: number,
    source: ResyncSource<Route>,
    attempt: number,
  ): void {
    const stale = (): boolean =>
      !this.host.isLive(entry) ||
      this.host.state(entry) !== state ||
      state.generation !== generation;
    source(state.after).then(
      (events) => {
        if (stale()) return;
        let recovered = 0;
        for (const event of events)
          if (this.host.recover(entry, event)) recovered += 1;
        this.finish(entry, state, recovered);
      },
      (error: unknown) => {
        if (stale()) return;
        if (attempt >= RESYNC_ATTEMPTS) {
          this.finish(entry, state, null, error);
          return;
        }
        this.host.timers.setTimeout(() => {
          if (!stale())
            this.read(entry, state, generation, source, attempt + 1);
        }, this.host.retryMs * attempt);
      },
    );
  }

  private finish(
    entry: E,
    state: ResyncState,
    recovered: number | null,
    error?: unknown,
  ): void {
    this.host.setState(entry, undefined);
    for (const { seq, data } of state.buffer ?? [])
      this.host.update(entry, seq, data);
    this.host.notify(entry, {
      after: state.after,
      recovered,
      ...(error === undefined ? {} : { error }),
    });
  }
}
