import {
  PendingActions,
  type ActionName,
  type ActionRequest,
} from "./actions.js";
import type { Route } from "../generated/channels.js";
import {
  CloseCode,
  type ActionResponse,
  type ErrorBody,
} from "../generated/models.js";
import { Endpoints, type EndpointListener } from "./endpoints.js";
import { callListener, SubscribeError } from "./errors.js";
import { encodeFrame, parseFrame, type InboundFrame } from "./frames.js";
import { acceptedEncoding, offeredProtocols } from "./encoding.js";
import { Heartbeat } from "./heartbeat.js";
import { Redial } from "./redial.js";
import {
  resolveOptions,
  resolveToken,
  type ResolvedOptions,
  type TradewireClientOptions,
} from "./options.js";
import {
  StateStore,
  type ConnectionState,
  type StateListener,
} from "./state.js";
import { SubscriptionRegistry } from "./subscriptions.js";
import {
  closeSocket,
  ignoreEvent,
  ReadyState,
  withToken,
  type WebSocketLike,
} from "./transport.js";
import type {
  ChannelParams,
  SubscribeOptions,
  Subscription,
  UpdateListener,
} from "./types.js";

export type ServerErrorListener = (error: ErrorBody) => void;

/**
 * One multiplexed socket to `/api/v1/ws`: typed, reference-counted subscriptions that survive
 * reconnects, a heartbeat, and a connection-state stream for UIs.
 */
export class TradewireClient {
  private readonly options: ResolvedOptions;
  private readonly endpoints: Endpoints;
  private readonly store: StateStore;
  private readonly registry: SubscriptionRegistry;
  private readonly heartbeat: Heartbeat;
  private readonly errorListeners = new Set<ServerErrorListener>();
  private socket: WebSocketLike | undefined;
  /** What the current socket's server accepted (its subprotocol): how requests are encoded. */
  private encoding: "json" | "msgpack" = "json";
  /** The current socket has opened: a loss before that is a failed dial. */
  private socketOpened = false;
  /** connect() was called and neither close() nor a 4001 has ended it. */
  private running = false;
  /** Bumped by every dial and by close(), so that a token resolved too late is dropped. */
  private generation = 0;
  private readonly redial: Redial;
  private connectTimer: unknown;
  private nextId = 1;
  private readonly actions: PendingActions;
  /** What carried the latest open socket, when it said (the fallback transport's sockets do). */
  private transport: string | undefined;

  constructor(options: TradewireClientOptions) {
    this.options = resolveOptions(options);
    this.endpoints = new Endpoints(this.options.urls);
    this.store = new StateStore(() =>
      this.transport === undefined
        ? this.endpoints.current
        : { ...this.endpoints.current, transport: this.transport },
    );
    this.redial = new Redial(this.options, this.endpoints);
    const { timers, now } = this.options;
    this.actions = new PendingActions(timers, this.options.subscribeTimeoutMs);
    this.registry = new SubscriptionRegistry({
      request: (type, payload) => this.request(type, payload),
      timers,
      subscribeTimeoutMs: this.options.subscribeTimeoutMs,
      rateLimitRetryMs: this.options.rateLimitRetryMs,
      resync: this.options.resync,
    });
    this.heartbeat = new Heartbeat({
      intervalMs: this.options.heartbeatIntervalMs,
      timeoutMs: this.options.heartbeatTimeoutMs,
      timers,
      now,
      sendPing: (t) => this.request("ping", { t }),
      onLatency: (latencyMs) => this.onLatency(latencyMs),
      onDead: () => this.abandonSocket(),
    });
  }

  get state(): ConnectionState {
    return this.store.state;
  }

  /** Hears the current state at once, then every change; returns the function that stops it. */
  onState(listener: StateListener): () => void {
    return this.store.subscribe(listener);
  }

  /**
   * Hears every change of the URL in use (a failover) or of the instance the server there named
   * in its pong; `state.url` and `state.instance` hold the current ones.
   */
  onEndpoint(listener: EndpointListener): () => void {
    return this.endpoints.onChange(listener);
  }

  /** Server `error` frames that answer none of the client's requests (e.g. INVALID_JSON). */
  onError(listener: ServerErrorListener): () => void {
    this.errorListeners.add(listener);
    return () => {
      this.errorListeners.delete(listener);
    };
  }

  /** Starts connecting; reconnects by itself until close() or a rejected token. */
  connect(): void {
    if (this.running) return;
    this.running = true;
    this.redial.healthy();
    void this.dial();
  }

  /**
   * Listens to one topic. Listeners with the same route and params (the cursor aside) share one
   * wire subscription. Subscribing while disconnected is fine: it goes out once the socket opens.
   */
  subscribe<R extends Route>(
    route: R,
    params: ChannelParams<R>,
    listener: UpdateListener<R>,
    options?: SubscribeOptions,
  ): Subscription {
    return this.registry.add(route, params, listener, options);
  }

  /**
   * Sends a channel action (`client.act("jobs", "cancel", { id })`) and resolves with its answer,
   * `{status: "ok"}` or `{status: "error", code?, message}`; never rejects. Only while connected:
   * an action is not queued for a later socket, so it cannot run twice.
   */
  act<R extends Route, A extends ActionName<R>>(
    route: R,
    action: A,
    request: ActionRequest<R, A>,
  ): Promise<ActionResponse> {
    const id = this.request(`${route}.${action}`, request as object);
    if (id === undefined)
      return Promise.resolve({ status: "error", message: "not connected" });
    return this.actions.wait(id);
  }

  /** Closes for good: every subscription ends with CONNECTION_CLOSED. connect() starts afresh. */
  async close(): Promise<void> {
    const socket = this.socket;
    this.stop(CloseCode.NormalClosure);
    if (socket) await closeSocket(socket);
  }

  private async dial(): Promise<void> {
    const generation = ++this.generation;
    this.store.set({ status: "connecting", attempt: this.redial.attempt });
    this.socketOpened = false;
    let socket: WebSocketLike;
    try {
      const token = await resolveToken(this.options.token);
      if (generation !== this.generation) return;
      const { url } = this.endpoints.current;
      socket = new this.options.WebSocket(
        withToken(url, token),
        offeredProtocols(this.options.encoding),
      );
      socket.binaryType = "arraybuffer";
    } catch {
      // A token source that throws or a URL the constructor rejects: retry like a refused dial.
      if (generation === this.generation) this.lost(undefined);
      return;
    }
    this.socket = socket;
    // A dial into a black hole can hang for minutes before the OS gives up.
    this.connectTimer = this.options.timers.setTimeout(() => {
      this.connectTimer = undefined;
      if (this.socket === socket) this.abandonSocket();
    }, this.options.connectTimeoutMs);
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.encoding = acceptedEncoding(socket.protocol);
      this.opened();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(parseFrame(event.data));
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.lost(event.code);
    };
    // A close event follows every error; the `ws` package throws on errors nobody listens to.
    socket.onerror = ignoreEvent;
  }

  private opened(): void {
    this.clearConnectTimer();
    this.socketOpened = true;
    this.transport = this.socket?.transport;
    this.heartbeat.start();
    if (!this.heartbeat.enabled) this.redial.healthy();
    this.registry.onOpen();
    // Last, so that a state listener acting on "open" (even calling close()) sees it settled.
    this.store.set({ status: "open", attempt: 0 });
  }

  private receive(frame: InboundFrame | undefined): void {
    switch (frame?.kind) {
      case "update":
        this.registry.handleUpdate(
          frame.route,
          frame.topic,
          frame.seq,
          frame.data,
        );
        return;
      case "subscribeResponse":
        this.registry.handleSubscribeResponse(frame.id, frame.response);
        return;
      case "unsubscribeResponse":
        this.registry.handleUnsubscribeResponse(frame.id);
        return;
      case "actionResponse":
        this.actions.answer(frame.id, frame.response);
        return;
      case "pong":
        // The instance first, so the state that carries the latency names it too.
        if (frame.pong.instance !== undefined) this.named(frame.pong.instance);
        this.heartbeat.pong(frame.id, frame.pong.t);
        return;
      case "error":
        if (this.heartbeat.acknowledge(frame.id)) return;
        if (this.actions.refused(frame.id, frame.error)) return;
        if (this.registry.handleRequestError(frame.id, frame.error)) return;
        if (this.registry.handleStreamError(frame.id, frame.error)) return;
        for (const listener of [...this.errorListeners]) {
          callListener(() => listener(frame.error));
        }
        return;
    }
  }

  private request(type: string, payload: object): number | undefined {
    const socket = this.socket;
    if (socket?.readyState !== ReadyState.Open) return undefined;
    const id = this.nextId++;
    socket.send(encodeFrame({ type, id, payload }, this.encoding));
    return id;
  }

  private onLatency(latencyMs: number): void {
    // An answered ping proves the connection healthy.
    this.redial.healthy();
    if (this.store.state.status === "open") {
      this.store.set({ status: "open", attempt: 0, latencyMs });
    }
  }

  private named(instance: string): void {
    if (this.endpoints.named(instance)) this.store.set(this.store.state);
  }

  /** The peer stopped answering: drop the socket without waiting for a close it may never send. */
  private abandonSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    void closeSocket(socket);
    this.lost(undefined);
  }

  private lost(code: number | undefined): void {
    this.socket = undefined;
    this.clearConnectTimer();
    this.heartbeat.stop();
    this.registry.onDisconnect();
    this.actions.clear();
    if (!this.running) return;
    if (code === CloseCode.TokenInvalid) {
      this.stop(code);
      return;
    }
    const { attempt, delayMs } = this.redial.schedule(
      code,
      this.socketOpened,
      () => void this.dial(),
    );
    this.store.set({
      status: "reconnecting",
      attempt,
      delayMs,
      ...(code === undefined ? {} : { closeCode: code }),
    });
  }

  private stop(closeCode: number): void {
    this.running = false;
    this.generation += 1;
    this.socket = undefined;
    this.clearConnectTimer();
    this.redial.cancel();
    this.heartbeat.stop();
    this.actions.clear();
    this.registry.endAll(
      (key) =>
        new SubscribeError(
          "CONNECTION_CLOSED",
          `the connection closed (${closeCode})`,
          key,
        ),
    );
    // An onError callback may already have called connect() again.
    if (!this.running)
      this.store.set({ status: "closed", attempt: 0, closeCode });
  }

  private clearConnectTimer(): void {
    if (this.connectTimer === undefined) return;
    this.options.timers.clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }
}
