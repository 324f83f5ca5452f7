import { Counter, Histogram, type Registry } from "prom-client";

/** The cluster's market traffic: what the leader publishes, what followers receive, how late. */
export class MarketMetrics {
  private readonly publishedTotal: Counter;
  private readonly receivedTotal: Counter;
  private readonly repairsTotal: Counter;
  private readonly lagSeconds: Histogram;

  constructor(registry: Registry) {
    this.publishedTotal = new Counter({
      name: "tradewire_cluster_market_events_published_total",
      help: "Market events (one symbol's trades and closed minutes of one tick) the leader published.",
      registers: [registry],
    });
    this.receivedTotal = new Counter({
      name: "tradewire_cluster_market_events_received_total",
      help: "Market events a follower received for the symbols its sockets need.",
      registers: [registry],
    });
    this.repairsTotal = new Counter({
      name: "tradewire_cluster_market_repairs_total",
      help: "Jumps in a followed symbol's events (missed events) repaired from the database and the deterministic market.",
      registers: [registry],
    });
    this.lagSeconds = new Histogram({
      name: "tradewire_cluster_market_lag_seconds",
      help: "Follower receive time minus the leader's publish time of a market event (wall clocks).",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  published(): void {
    this.publishedTotal.inc();
  }

  received(lagMs: number): void {
    this.receivedTotal.inc();
    this.lagSeconds.observe(Math.max(0, lagMs) / 1000);
  }

  repaired(): void {
    this.repairsTotal.inc();
  }
}
