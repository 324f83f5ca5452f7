import type { Registry } from "prom-client";
import { Counter, Gauge, Histogram } from "prom-client";

export interface WsCounts {
  sockets(): number;
  topics(): number;
  subscriptions(): number;
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
  readonly errors: Counter<"code">;
  readonly fanoutSeconds: Histogram<"channel">;

  constructor(registry: Registry, counts: WsCounts) {
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
    gauge(
      "tradewire_ws_topics",
      "Live topics (with at least one subscriber or being created).",
      () => counts.topics(),
    );
    gauge("tradewire_ws_subscriptions", "Socket-topic subscriptions.", () =>
      counts.subscriptions(),
    );
    this.messagesIn = new Counter({
      name: "tradewire_ws_messages_in_total",
      help: 'Inbound frames, by channel (route, "system" or "invalid").',
      labelNames: ["channel"],
      registers: [registry],
    });
    this.messagesOut = new Counter({
      name: "tradewire_ws_messages_out_total",
      help: "Update frames delivered to sockets, by channel.",
      labelNames: ["channel"],
      registers: [registry],
    });
    this.conflated = new Counter({
      name: "tradewire_ws_conflated_total",
      help: "Updates replaced by a newer one while their socket was slow (conflatable channels).",
      labelNames: ["channel"],
      registers: [registry],
    });
    this.slowConsumerCloses = new Counter({
      name: "tradewire_ws_slow_consumer_closes_total",
      help: "Sockets closed with 4000 because they fell behind on a channel that cannot be conflated.",
      registers: [registry],
    });
    this.droppedFrames = new Counter({
      name: "tradewire_ws_dropped_total",
      help: "Updates not delivered because their socket was closed as a slow consumer.",
      registers: [registry],
    });
    this.errors = new Counter({
      name: "tradewire_ws_errors_total",
      help: "Error answers sent to clients, by error code.",
      labelNames: ["code"],
      registers: [registry],
    });
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
