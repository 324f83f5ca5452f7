import { Counter, Gauge, type Registry } from "prom-client";

/** The `tradewire_bus_*` metrics of a networked bus: what it carried, and whether it is connected. */
export class BusMetrics {
  private readonly messagesPublished: Counter;
  private readonly bytesPublished: Counter;
  private readonly messagesReceived: Counter;
  private readonly bytesReceived: Counter;
  private readonly publishesDropped: Counter;
  private readonly connectedGauge: Gauge;
  private readonly disconnects: Counter;

  constructor(registry: Registry, subscribedChannels: () => number) {
    const registers = [registry];
    this.messagesPublished = new Counter({
      name: "tradewire_bus_messages_published_total",
      help: "Messages this instance published on the bus",
      registers,
    });
    this.bytesPublished = new Counter({
      name: "tradewire_bus_published_bytes_total",
      help: "Bytes of JSON this instance published on the bus",
      registers,
    });
    this.messagesReceived = new Counter({
      name: "tradewire_bus_messages_received_total",
      help: "Messages this instance received from the bus (once per instance, before local fan-out)",
      registers,
    });
    this.bytesReceived = new Counter({
      name: "tradewire_bus_received_bytes_total",
      help: "Bytes of JSON this instance received from the bus",
      registers,
    });
    this.publishesDropped = new Counter({
      name: "tradewire_bus_publishes_dropped_total",
      help: "Messages dropped because the bus was cut off from Redis when they were published",
      registers,
    });
    this.connectedGauge = new Gauge({
      name: "tradewire_bus_connected",
      help: "1 while the bus is connected to Redis with every subscription in place, else 0",
      registers,
    });
    this.disconnects = new Counter({
      name: "tradewire_bus_disconnects_total",
      help: "Times the bus lost its connection to Redis",
      registers,
    });
    new Gauge({
      name: "tradewire_bus_subscribed_channels",
      help: "Bus channels this instance has local handlers for (each one Redis subscription)",
      registers,
      collect() {
        this.set(subscribedChannels());
      },
    });
  }

  published(bytes: number): void {
    this.messagesPublished.inc();
    this.bytesPublished.inc(bytes);
  }

  received(bytes: number): void {
    this.messagesReceived.inc();
    this.bytesReceived.inc(bytes);
  }

  dropped(): void {
    this.publishesDropped.inc();
  }

  connected(connected: boolean): void {
    this.connectedGauge.set(connected ? 1 : 0);
  }

  disconnected(): void {
    this.disconnects.inc();
  }
}
