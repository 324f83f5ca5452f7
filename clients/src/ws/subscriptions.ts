import type { Route } from "../generated/channels.js";
import type {
  ErrorBody,
  QuoteUpdate,
  SubscriptionResponse,
} from "../generated/models.js";
import {
  createEntry,
  localKey,
  subscribePayload,
  type Entry,
} from "./entry.js";
import { callListener, SubscribeError } from "./errors.js";
import { createListener, type Listener } from "./listener.js";
import type { Timers } from "./options.js";
import { PendingRequests } from "./requests.js";
import { entryResyncs } from "./entry-resyncs.js";
import type { Resyncs, ResyncSources } from "./resync.js";
import { admitUpdate, resetBaseline } from "./sequence.js";
import type {
  ChannelData,
  ChannelParams,
  SubscribeOptions,
  Subscription,
  UpdateListener,
  UpdateMeta,
  WireData,
} from "./types.js";

/** What the registry needs from the connection. */
export interface RegistryHost {
  /** Sends a request frame and returns its id, or undefined when no socket is open. */
  request(type: string, payload: object): number | undefined;
  readonly timers: Timers;
  readonly subscribeTimeoutMs: number;
  readonly rateLimitRetryMs: number;
  /** Where cursor channels recover what a replay could not deliver (RESYNC_REQUIRED). */
  readonly resync: ResyncSources;
}

/**
 * Reference-counted subscriptions keyed by local topic, the server topics they map to, and the
 * requests in flight. Knows nothing of sockets: the client reports opens, closes and frames.
 */
export class SubscriptionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly byTopic = new Map<string, Entry>();
  private readonly requests: PendingRequests<Entry>;
  private readonly resyncs: Resyncs<Entry>;

  constructor(private readonly host: RegistryHost) {
    this.resyncs = entryResyncs({
      sources: host.resync,
      timers: host.timers,
      retryMs: host.rateLimitRetryMs,
      isLive: (entry) => this.entries.get(entry.key) === entry,
      subscribe: (entry) => this.sendSubscribe(entry),
      update: (entry, seq, data) =>
        this.handleUpdate(entry.route, entry.topic ?? "", seq, data),
    });
    this.requests = new PendingRequests(
      host.timers,
      host.rateLimitRetryMs,
      ({ kind, target }) => {
        if (kind === "subscribe") this.sendSubscribe(target);
        else if (!this.entries.has(target.key)) this.sendUnsubscribe(target);
      },
    );
  }

  add<R extends Route>(
    route: R,
    params: ChannelParams<R>,
    listener: UpdateListener<R>,
    options: SubscribeOptions = {},
  ): Subscription {
    const record = createListener(listener, options);
    const key = localKey(route, params);
    let entry = this.entries.get(key);
    if (entry) {
      entry.listeners.add(record);
      this.join(entry, record);
    } else {
      entry = createEntry(route, params);
      entry.listeners.add(record);
      this.entries.set(key, entry);
      this.sendSubscribe(entry);
    }
    const joined = entry;
    return {
      key,
      ready: record.ready,
      unsubscribe: () => this.remove(joined, record),
    };
  }

  /** A socket opened: (re)send every live subscription, cursor channels from their cursor. */
  onOpen(): void {
    for (const entry of this.entries.values()) this.sendSubscribe(entry);
  }

  /** The socket is gone, and with it every server-side subscription and request in flight. */
  onDisconnect(): void {
    this.requests.clear();
    this.byTopic.clear();
    for (const entry of this.entries.values()) {
      this.clearTimer(entry.timer);
      entry.timer = undefined;
      entry.pendingId = undefined;
      entry.confirmedId = undefined;
      entry.topic = undefined;
      resetBaseline(entry.stream);
      entry.quotes?.clear();
      this.resyncs.disconnected(entry);
    }
  }

  /** The client closed for good: every subscription ends with `error`. */
  endAll(error: (key: string) => SubscribeError): void {
    for (const entry of [...this.entries.values()]) {
      this.end(entry, error(entry.key), false);
    }
    this.onDisconnect();
  }

  handleSubscribeResponse(
    id: string | number | undefined,
    response: SubscriptionResponse,
  ): void {
    const entry = this.settleRequest(id, "subscribe");
    if (!entry) return;
    if (response.status === "error") {
      const code = response.code ?? "INTERNAL_ERROR";
      if (code === "RESYNC_REQUIRED" && this.resyncs.begin(entry)) return;
      const message = response.message ?? `${entry.key} was refused`;
      this.end(entry, new SubscribeError(code, message, entry.key), true);
      return;
    }
    if (entry.topic !== undefined) this.byTopic.delete(entry.topic);
    entry.topic = response.topic;
    entry.confirmedId = typeof id === "number" ? id : undefined;
    this.byTopic.set(response.topic, entry);
    resetBaseline(entry.stream);
    entry.quotes?.clear();
    for (const listener of entry.listeners) listener.confirm(response.topic);
    if (entry.resync) this.resyncs.confirmed(entry);
  }

  /**
   * An `error` frame answering a subscribe that was already confirmed: a replay the server had to
   * stop (RESYNC_REQUIRED), after which it no longer holds the subscription. True when handled.
   */
  handleStreamError(
    id: string | number | undefined,
    error: ErrorBody,
  ): boolean {
    if (error.code !== "RESYNC_REQUIRED" || typeof id !== "number")
      return false;
    for (const entry of this.entries.values()) {
      if (entry.confirmedId !== id) continue;
      if (entry.topic !== undefined && this.byTopic.get(entry.topic) === entry)
        this.byTopic.delete(entry.topic);
      entry.topic = undefined;
      entry.confirmedId = undefined;
      return this.resyncs.begin(entry);
    }
    return false;
  }

  handleUnsubscribeResponse(id: string | number | undefined): void {
    this.requests.take(id, "unsubscribe");
  }

  /** An `error` frame; true when it answered one of the registry's requests. */
  handleRequestError(
    id: string | number | undefined,
    error: ErrorBody,
  ): boolean {
    const request = this.requests.peek(id);
    if (!request) return false;
    const entry = this.settleRequest(id, request.kind);
    if (error.code === "RATE_LIMITED") {
      this.requests.retryLater(request);
    } else if (entry) {
      const failure = new SubscribeError(error.code, error.message, entry.key);
      this.end(entry, failure, entry.topic !== undefined);
    }
    return true;
  }

  handleUpdate(
    route: Route,
    topic: string,
    seq: number,
    data: WireData<Route>,
  ): void {
    const entry = this.byTopic.get(topic);
    if (!entry || entry.route !== route) return;
    if (this.resyncs.hold(entry, seq, data)) return;
    const verdict = admitUpdate(entry.stream, entry.traits, seq, data);
    if (verdict.resubscribe) this.sendSubscribe(entry);
    if (!verdict.deliver) return;
    const whole = this.whole(entry, seq, data);
    if (whole === null) return;
    const meta: UpdateMeta = { route, topic, seq };
    for (const listener of [...entry.listeners]) {
      callListener(() => listener.deliver(whole, meta));
    }
  }

  /**
   * What listeners get: the payload, or on a delta quotes subscription the whole quote; null when
   * a delta cannot be applied, after asking once for a snapshot.
   */
  private whole(
    entry: Entry,
    seq: number,
    data: WireData<Route>,
  ): ChannelData<Route> | null {
    // Only delta quotes subscriptions receive QuoteDelta payloads.
    if (entry.quotes === null) return data as ChannelData<Route>;
    const whole = entry.quotes.admit(seq, data as QuoteUpdate);
    if (whole === null && !entry.stream.recovering) {
      entry.stream.recovering = true;
      this.sendSubscribe(entry);
    }
    return whole;
  }

  /** A listener joined an existing entry. */
  private join(entry: Entry, listener: Listener): void {
    if (entry.pendingId !== undefined || entry.topic === undefined) return;
    // The snapshot went out before this listener existed; a repeated subscribe makes the
    // server send it again (existing listeners see it as repeats, seq <= last).
    if (entry.channel.snapshot) this.sendSubscribe(entry);
    else listener.confirm(entry.topic);
  }

  private remove(entry: Entry, listener: Listener): void {
    if (!entry.listeners.delete(listener)) return;
    if (!listener.settled) {
      const message = `unsubscribed from ${entry.key} before it was confirmed`;
      const error = new SubscribeError("UNSUBSCRIBED", message, entry.key);
      listener.fail(error, false);
    }
    if (entry.listeners.size > 0 || this.entries.get(entry.key) !== entry)
      return;
    const onServer = entry.topic !== undefined || entry.pendingId !== undefined;
    this.forget(entry);
    if (onServer) this.sendUnsubscribe(entry);
  }

  private sendSubscribe(entry: Entry): void {
    if (
      entry.pendingId !== undefined ||
      this.entries.get(entry.key) !== entry
    ) {
      return;
    }
    const id = this.host.request(
      entry.channel.types.subscribe,
      subscribePayload(entry),
    );
    if (id === undefined) return;
    entry.pendingId = id;
    this.requests.add(id, "subscribe", entry);
    entry.timer = this.host.timers.setTimeout(() => {
      entry.timer = undefined;
      this.settleRequest(id, "subscribe");
      const message = `${entry.key} was not confirmed within ${this.host.subscribeTimeoutMs} ms`;
      // Unsubscribe as well, in case the server acts on the subscribe after all.
      this.end(
        entry,
        new SubscribeError("SUBSCRIBE_TIMEOUT", message, entry.key),
        true,
      );
    }, this.host.subscribeTimeoutMs);
  }

  private sendUnsubscribe(entry: Entry): void {
    const id = this.host.request(entry.channel.types.unsubscribe, entry.params);
    if (id !== undefined) this.requests.add(id, "unsubscribe", entry);
  }

  /** Takes the request off the books; returns its entry when that entry is still waiting on it. */
  private settleRequest(
    id: string | number | undefined,
    kind: "subscribe" | "unsubscribe",
  ): Entry | undefined {
    const entry = this.requests.take(id, kind);
    if (kind === "unsubscribe" || entry === undefined) return undefined;
    if (entry.pendingId !== id) return undefined;
    this.clearTimer(entry.timer);
    entry.timer = undefined;
    entry.pendingId = undefined;
    return this.entries.get(entry.key) === entry ? entry : undefined;
  }

  /** The subscription failed or the client closed: tell every listener once, then forget it. */
  private end(entry: Entry, error: SubscribeError, unsubscribe: boolean): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.forget(entry);
    if (unsubscribe) this.sendUnsubscribe(entry);
    const listeners = [...entry.listeners];
    entry.listeners.clear();
    for (const listener of listeners) listener.fail(error, true);
  }

  private forget(entry: Entry): void {
    this.entries.delete(entry.key);
    if (entry.topic !== undefined && this.byTopic.get(entry.topic) === entry) {
      this.byTopic.delete(entry.topic);
    }
    if (entry.pendingId !== undefined) this.requests.delete(entry.pendingId);
    this.clearTimer(entry.timer);
    entry.timer = undefined;
  }

  private clearTimer(handle: unknown): void {
    if (handle !== undefined) this.host.timers.clearTimeout(handle);
  }
}
