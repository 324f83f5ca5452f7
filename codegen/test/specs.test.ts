import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleSpec, type JsonObject } from "../src/bundle";
import { readProtocolModel } from "../src/channel-model";
import { repoRoot } from "./fixture";

const asyncapi = bundleSpec(join(repoRoot, "specs/asyncapi.yaml"));
const openapi = bundleSpec(join(repoRoot, "specs/openapi.yaml"));

describe("the specs", () => {
  it("describe the eleven routed channels on one socket address", () => {
    const { channels, system } = readProtocolModel(
      "specs/asyncapi.yaml",
      asyncapi,
    );
    expect(channels.map((c) => c.route)).toEqual([
      "bars",
      "quotes",
      "orders",
      "positions",
      "executions",
      "equity",
      "broker-connection",
      "indicators",
      "alerts",
      "alert-events",
      "jobs",
    ]);
    expect(channels.filter((c) => c.accountScoped).map((c) => c.route)).toEqual(
      [
        "orders",
        "positions",
        "executions",
        "equity",
        "broker-connection",
        "alerts",
        "alert-events",
        "jobs",
      ],
    );
    expect(channels.filter((c) => c.conflate).map((c) => c.route)).toEqual([
      "bars",
      "quotes",
      "equity",
      "indicators",
      "alerts",
      "jobs",
    ]);
    expect(system.messages.map((m) => m.type).sort()).toEqual([
      "error",
      "ping",
      "pong",
    ]);
  });

  it("describe the REST surface", () => {
    const paths = Object.entries(openapi.paths as JsonObject).flatMap(
      ([p, item]) =>
        Object.keys(item as JsonObject)
          .filter((k) => k !== "parameters")
          .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(paths.sort()).toEqual(
      [
        "GET /health",
        "GET /health/live",
        "GET /health/ready",
        "GET /metrics",
        "GET /api/v1/asyncapi.json",
        "GET /api/v1/openapi.json",
        "GET /api/v1/datafeed/config",
        "GET /api/v1/datafeed/symbols",
        "GET /api/v1/datafeed/search",
        "GET /api/v1/datafeed/history",
        "GET /api/v1/datafeed/bars",
        "GET /api/v1/datafeed/time",
        "GET /api/v1/datafeed/quotes",
        "GET /api/v1/datafeed/rolls",
        "GET /api/v1/sse",
        "POST /api/v1/sse/{session}",
        "POST /api/v1/sse/{session}/pong",
        "GET /api/v1/history/jobs",
        "POST /api/v1/history/jobs",
        "GET /api/v1/history/jobs/{jobId}",
        "POST /api/v1/history/jobs/{jobId}/cancel",
        "GET /api/v1/history/jobs/{jobId}/file",
        "POST /api/v1/auth/login",
        "POST /api/v1/auth/logout",
        "GET /api/v1/auth/me",
        "POST /api/v1/auth/account",
        "GET /api/v1/settings",
        "PUT /api/v1/settings",
        "GET /api/v1/watchlists",
        "POST /api/v1/watchlists",
        "PUT /api/v1/watchlists/{id}",
        "DELETE /api/v1/watchlists/{id}",
        "GET /api/v1/drawings/{symbol}",
        "PUT /api/v1/drawings/{symbol}",
        "GET /api/v1/broker/account",
        "GET /api/v1/broker/orders",
        "POST /api/v1/broker/orders",
        "GET /api/v1/broker/orders/{orderId}",
        "PUT /api/v1/broker/orders/{orderId}",
        "DELETE /api/v1/broker/orders/{orderId}",
        "GET /api/v1/broker/positions",
        "DELETE /api/v1/broker/positions/{positionId}",
        "GET /api/v1/broker/executions",
        "GET /api/v1/alerts",
        "POST /api/v1/alerts",
        "GET /api/v1/alerts/events",
        "GET /api/v1/alerts/{alertId}",
        "PUT /api/v1/alerts/{alertId}",
        "DELETE /api/v1/alerts/{alertId}",
      ].sort(),
    );
  });

  it("share one definition of each schema both sides use", () => {
    const ws = asyncapi.components as { schemas: JsonObject };
    const rest = openapi.components as { schemas: JsonObject };
    for (const name of [
      "Bar",
      "QuoteData",
      "Order",
      "Position",
      "Execution",
      "Equity",
      "ErrorBody",
    ]) {
      expect(rest.schemas[name], name).toEqual(ws.schemas[name]);
    }
  });
});
