import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { metricTypes, scrape } from "../support/metrics-text";
import { startCluster } from "../../src/testing";
import { sharedServices } from "../support/shared-services";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";
import { isExported, metricNames, variableMetric } from "./promql-names";

interface Target {
  expr: string;
  datasource: { uid: string };
}
interface Panel {
  title: string;
  type: string;
  datasource?: { uid: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  panels: Panel[];
  templating: {
    list: { name: string; type: string; query: string | { query: string } }[];
  };
}

const DASHBOARD_FILE = new URL(
  "../../../ops/grafana/tradewire.json",
  import.meta.url,
);
const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, "utf8")) as Dashboard;
const panels = dashboard.panels
  .flatMap((p) => [p, ...(p.panels ?? [])])
  .filter((p) => p.type !== "row");

/** Every metric name the dashboard reads that is not in the exposition, as "panel: name". */
function missingNames(
  board: { title: string; expr: string }[],
  types: Map<string, string>,
): string[] {
  return board.flatMap(({ title, expr }) =>
    metricNames(expr)
      .filter((name) => !isExported(name, types))
      .map((name) => `${title}: ${name}`),
  );
}

/** Metrics only a clustered server exports (its bus and leader election). */
const CLUSTER_ONLY = /^tradewire_(cluster|bus)_/;

describe("the Grafana dashboard (ops/grafana/tradewire.json)", () => {
  const services = sharedServices();
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let exposition = "";
  beforeAll(async () => {
    t = await startTradingApp({ clock });
    // A little of everything the panels show: a login, a subscription and its snapshot.
    const token = await t.login("alice");
    const socket = await TestSocket.open(`${t.wsUrl}?token=${token}`);
    await socket.subscribe("bars", { symbol: "BTCUSD", resolution: "1" });
    socket.close();
    exposition = await scrape(t.httpUrl);
    // The cluster row's metrics exist only on a clustered server: a real one, on this machine's
    // PostgreSQL and Redis (absent, its reason is printed; in CI their absence fails).
    if (services) {
      const cluster = await startCluster({ instances: 1, ...services });
      try {
        exposition += `\n${await scrape(cluster.addresses()[0] ?? "")}`;
      } finally {
        await cluster.stop();
      }
    }
  }, 60_000);
  afterAll(() => t.close());

  it("names only metrics the server exports, in every panel expression and variable", () => {
    const types = metricTypes(exposition);
    const board = panels.flatMap((p) =>
      (p.targets ?? []).map((target) => ({
        title: p.title,
        expr: target.expr,
      })),
    );
    expect(board.length).toBeGreaterThan(20);
    expect(
      missingNames(board, types).filter(
        (missing) =>
          services || !CLUSTER_ONLY.test(missing.split(": ")[1] ?? ""),
      ),
    ).toEqual([]);
    for (const variable of dashboard.templating.list) {
      if (variable.type !== "query") continue;
      const query =
        typeof variable.query === "string"
          ? variable.query
          : variable.query.query;
      const metric = variableMetric(query);
      expect(metric && isExported(metric, types)).toBe(true);
    }
  });

  it("catches an expression naming a metric the server does not export", () => {
    const types = metricTypes(exposition);
    expect(
      missingNames(
        [
          {
            title: "typo",
            expr: 'histogram_quantile(0.99, sum by (le) (rate(tradewire_http_request_duration_second_bucket{route="/x"}[5m]))) / tradewire_ws_sockets',
          },
        ],
        types,
      ),
    ).toEqual(["typo: tradewire_http_request_duration_second_bucket"]);
  });

  it("reads the names out of PromQL, not its functions, labels, ranges or variables", () => {
    expect(
      metricNames(
        'sum by (route, status) (rate(a_total{status=~"5..",x="b_total"}[$__rate_interval])) / on (instance) group_left clamp_min(sum(rate(b_count[5m] offset 1h)), 1e-9) > bool 0',
      ),
    ).toEqual(["a_total", "b_count"]);
  });

  it("has the panels an operator needs, each on the ${DS_PROMETHEUS} datasource", () => {
    const titles = panels.map((p) => p.title);
    for (const needed of [
      "Open sockets",
      "Topics and subscriptions",
      "Deliveries/s by channel",
      "Fan-out time (p50, p99) by channel",
      "Slow consumers",
      "Latency p95 by route",
      "Errors by route and status",
      "WebSocket errors by code",
      "Login throttles/s by reason",
      "Leader",
      "Bus connected",
      "Market lag, leader to followers (p99)",
    ])
      expect(titles).toContain(needed);
    for (const p of panels) {
      expect(p.datasource?.uid).toBe("${DS_PROMETHEUS}");
      for (const target of p.targets ?? [])
        expect(target.datasource.uid).toBe("${DS_PROMETHEUS}");
    }
  });
});
