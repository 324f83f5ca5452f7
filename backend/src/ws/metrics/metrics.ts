import type { Registry } from "prom-client";
import { Counter, Gauge, Histogram } from "prom-client";

export interface WsCounts {
  sockets(): number;
  /** Open sockets per transport (`websocket`, `sse`). */
  socketsByTransport(): ReadonlyMap<string, number>;
  topics(): number;
  subscriptions(): number;
  /** Output bytes waiting for all sockets: their own buffers plus their queues. */
  outboundBytes(): number;
}

/**
 * Prometheus metrics of the socket layer. Counters are incremented once per update (by the number
 * of deliveries), never once per delivery, so metrics cost nothing on the fan-out loop.
 */
export class WsMetrics {
  readonly messagesIn: Counter<"channel">;
  readonly messagesOut: Counter<"channel">;
  readonly conflated: Counter<"channel">;
  readonly slowConsumerCloses: Counter;
  readonly droppedFrames: Counter;
  readonly coalescedSnapshots: Counter;
  readonly shedSockets: Counter;
  readonly deadPeers: Counter;
  readonly errors: Counter<"code">;
  readonly fanoutSeconds: Histogram<"channel">;

  constructor(registry: Registry, counts: WsCounts) {
    registerGauges(registry, counts);
    const traffic = trafficCounters(registry);
    this.messagesIn = traffic.messagesIn;
    this.messagesOut = traffic.messagesOut;
    this.conflated = traffic.conflated;
    this.errors = traffic.errors;
    const shedding = sheddingCounters(registry);
    this.slowConsumerCloses = shedding.slowConsumerCloses;
    this.droppedFrames = shedding.droppedFrames;
    this.coalescedSnapshots = shedding.coalescedSnapshots;
    this.shedSockets = shedding.shedSockets;
    this.deadPeers = shedding.deadPeers;
    this.fanoutSeconds = new Histogram({
      name: "tradewire_ws_fanout_seconds",
      help: "Time to serialize one update and hand it to every subscribed socket.",
      labelNames: ["channel"],
      buckets: [
        0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1,
      ],
      registers: [registry],
    });
  }
}

function counterIn(registry: Registry) {
  return <L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
  ): Counter<L> =>
    new Counter({ name, help, labelNames, registers: [registry] });
}

/** What flows through the sockets: frames in and out, conflated updates, error answers. */
function trafficCounters(registry: Registry) {
  const counter = counterIn(registry);
  return {
    messagesIn: counter(
      "tradewire_ws_messages_in_total",
      'Inbound frames, by channel (route, "system" or "invalid").',
      ["channel"],
    ),
    messagesOut: counter(
      "tradewire_ws_messages_out_total",
      "Update frames delivered to sockets, by channel.",
      ["channel"],
    ),
    conflated: counter(
      "tradewire_ws_conflated_total",
      "Updates replaced by a newer one while their socket was slow (conflatable channels).",
      ["channel"],
    ),
    errors: counter(
      "tradewire_ws_errors_total",
      "Error answers sent to clients, by error code.",
      ["code"],
    ),
  };
}

/** What the server drops to protect itself: slow, shed and dead sockets and their frames. */
function sheddingCounters(registry: Registry) {
  const counter = counterIn(registry);
  return {
    slowConsumerCloses: counter(
      "tradewire_ws_slow_consumer_closes_total",
      "Sockets closed with 4000: past WS_MAX_BUFFER_BYTES of waiting output, or shed to keep within WS_MAX_TOTAL_BUFFER_BYTES.",
    ),
    droppedFrames: counter(
      "tradewire_ws_dropped_total",
      "Frames not delivered because their socket was closed as a slow consumer.",
    ),
    coalescedSnapshots: counter(
      "tradewire_ws_coalesced_snapshots_total",
      "Snapshots replaced by a newer one of the same topic before their slow socket took them (re-subscribes).",
    ),
    shedSockets: counter(
      "tradewire_ws_shed_total",
      "Sockets closed with 4000 because the total outbound memory was over WS_MAX_TOTAL_BUFFER_BYTES and they were furthest behind.",
    ),
    deadPeers: counter(
      "tradewire_ws_dead_peers_total",
      "Sockets terminated by the heartbeat: they neither echoed their ping nor read anything for a whole interval.",
    ),
  };
}

/** The gauges are read from the gateway's counts when Prometheus scrapes. */
function registerGauges(registry: Registry, counts: WsCounts): void {
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  };
  gauge("tradewire_ws_sockets", "Open WebSocket connections.", () =>
    counts.sockets(),
  );
  registerTransportGauge(registry, counts);
  gauge(
    "tradewire_ws_topics",
    "Live topics (with at least one subscriber or being created).",
    () => counts.topics(),
  );
  gauge("tradewire_ws_subscriptions", "Socket-topic subscriptions.", () =>
    counts.subscriptions(),
  );
  gauge(
    "tradewire_ws_outbound_bytes",
    "Output bytes waiting for all sockets together (their buffers and queues); bounded by WS_MAX_TOTAL_BUFFER_BYTES.",
    () => counts.outboundBytes(),
  );
}

/** Open sockets per transport, beside the total (tradewire_ws_sockets, kept as it was). */
function registerTransportGauge(registry: Registry, counts: WsCounts): void {
  new Gauge({
    name: "tradewire_ws_transport_sockets",
    help: 'Open realtime connections by transport ("websocket", or "sse" for the Server-Sent Events fallback).',
    labelNames: ["transport"],
    registers: [registry],
    collect() {
      // Both always reported, so a dashboard sees 0 rather than no series.
      const byTransport = new Map([
        ["websocket", 0],
        ["sse", 0],
      ]);
      for (const [transport, n] of counts.socketsByTransport())
        byTransport.set(transport, n);
      for (const [transport, n] of byTransport) this.set({ transport }, n);
    },
  });
}
