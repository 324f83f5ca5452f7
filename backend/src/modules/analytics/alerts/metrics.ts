import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** The alerts module's Prometheus metrics, in the app's registry. */
export class AlertMetrics {
  readonly deliverySeconds: Histogram;
  readonly fired: Counter<"type">;
  readonly activeRules: Gauge;

  constructor(registry: Registry) {
    this.deliverySeconds = new Histogram({
      name: "tradewire_alerts_evaluation_to_delivery_seconds",
      help: "Time from the evaluation of the trade that fired an alert to its event being handed to the socket layer (stored first).",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    this.fired = new Counter({
      name: "tradewire_alerts_fired_total",
      help: "Alerts fired and stored, by condition type.",
      labelNames: ["type"],
      registers: [registry],
    });
    this.activeRules = new Gauge({
      name: "tradewire_alerts_active_rules",
      help: "Alert rules armed and evaluated on every trade of their symbol.",
      registers: [registry],
    });
  }
}
