import type { AlertsResult } from "../scenarios/alerts";
import { fixed, table } from "./table";

/** The alerts rows of the analytics section: CPU per trade with the rules, and delivery time. */
export function alertsTable(r: AlertsResult, label: string): string {
  return table(
    `Analytics, alerts: ${label}`,
    ["load", "server CPU per trade", "figure"],
    [
      [
        `${r.armed.toLocaleString("en-US")} alert rules on BTCUSD, none firing`,
        `${fixed(r.quietUsPerTrade)} µs vs ${fixed(r.baselineUsPerTrade)} µs with none`,
        `+${fixed(r.evaluationUsPerTrade)} µs a trade: evaluation`,
      ],
      [
        `${r.armed.toLocaleString("en-US")} alert rules on BTCUSD, some firing`,
        `${fixed(r.loadedUsPerTrade)} µs vs ${fixed(r.baselineUsPerTrade)} µs with none`,
        `+${fixed(r.alertsUsPerTrade)} µs a trade (${r.trades} trades, ${r.fired} fired and stored)`,
      ],
      [
        "alert evaluation-to-delivery",
        "",
        `p50 ${fixed(r.deliveryP50Ms)} ms, p99 ${fixed(r.deliveryP99Ms)} ms (${r.pacedFired} firings, paced); back to back p99 ${fixed(r.backToBackP99Ms)} ms`,
      ],
    ],
  );
}
