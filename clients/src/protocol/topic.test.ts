import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "../generated/channels.js";
import { buildTopic, canonicalJson, channelTopic } from "./topic.js";

interface Vector {
  name: string;
  route: string;
  params: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  topic: string;
}
const { vectors } = JSON.parse(
  readFileSync(
    new URL("../../../specs/test-vectors/topics.json", import.meta.url),
    "utf8",
  ),
) as { vectors: Vector[] };

describe("buildTopic against the shared vectors", () => {
  it("has vectors to run", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });
  for (const v of vectors) {
    it(v.name, () => {
      expect(buildTopic(v.route, v.params, v.defaults)).toBe(v.topic);
    });
  }
});

describe("canonicalJson", () => {
  it("does not depend on the order keys were inserted in", () => {
    expect(canonicalJson({ b: { y: 1, x: 2 }, a: [3, { d: 4, c: 5 }] })).toBe(
      canonicalJson({ a: [3, { c: 5, d: 4 }], b: { x: 2, y: 1 } }),
    );
  });
  it("leaves out undefined properties, as the wire would", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
  it("rejects values JSON cannot carry instead of writing null", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

describe("channelTopic", () => {
  const bars = {
    route: "bars",
    defaults: {},
    accountScoped: false,
    cursor: null,
  };
  const executions = {
    route: "executions",
    defaults: {},
    accountScoped: true,
    cursor: { param: "since", field: "sequence" },
  };

  it("does not depend on the order the params were written in", () => {
    expect(channelTopic(bars, { symbol: "AAPL", resolution: "1" })).toBe(
      'bars:{"resolution":"1","symbol":"AAPL"}',
    );
    expect(channelTopic(bars, { resolution: "1", symbol: "AAPL" })).toBe(
      'bars:{"resolution":"1","symbol":"AAPL"}',
    );
  });

  it("leaves the cursor out, so a replaying subscriber shares the live topic", () => {
    expect(channelTopic(executions, { since: 41 }, "acc-1")).toBe(
      'executions:{"accountId":"acc-1"}',
    );
    expect(channelTopic(executions, {}, "acc-1")).toBe(
      'executions:{"accountId":"acc-1"}',
    );
    expect(
      channelTopic({ ...executions, defaults: { since: 0, depth: 5 } }, {}),
    ).toBe('executions:{"depth":5}');
  });

  it("puts the connection's account into account-scoped topics, over any the params name", () => {
    expect(channelTopic(CHANNELS.orders, {}, "acc-1")).toBe(
      'orders:{"accountId":"acc-1"}',
    );
    expect(channelTopic(CHANNELS.orders, { accountId: "acc-2" }, "acc-1")).toBe(
      'orders:{"accountId":"acc-1"}',
    );
    expect(channelTopic(CHANNELS.orders, {}, null)).toBe(
      'orders:{"accountId":null}',
    );
  });

  it("leaves the account out where the caller does not know it, and off public channels", () => {
    expect(channelTopic(CHANNELS.orders, {})).toBe("orders:{}");
    expect(
      channelTopic(CHANNELS.quotes, { symbols: ["MSFT", "AAPL"] }, "acc-1"),
    ).toBe('quotes:{"symbols":["MSFT","AAPL"]}');
  });

  it("applies the channel's defaults under the params", () => {
    expect(
      channelTopic({ ...bars, defaults: { resolution: "1" } }, { symbol: "A" }),
    ).toBe('bars:{"resolution":"1","symbol":"A"}');
    expect(
      channelTopic(
        { ...bars, defaults: { resolution: "1" } },
        { symbol: "A", resolution: "5" },
      ),
    ).toBe('bars:{"resolution":"5","symbol":"A"}');
  });
});
