import { readFileSync } from "node:fs";
import { CHANNELS } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { topicFor } from "./topics";

interface Vector {
  name: string;
  route: string;
  params: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  topic: string;
}
const { vectors } = JSON.parse(
  readFileSync(
    new URL("../../../../specs/test-vectors/topics.json", import.meta.url),
    "utf8",
  ),
) as { vectors: Vector[] };

describe("backend topics against the shared vectors", () => {
  for (const v of vectors) {
    it(v.name, () => {
      const channel = {
        route: v.route,
        defaults: v.defaults ?? {},
        accountScoped: false,
        cursor: null,
      };
      expect(topicFor(channel, v.params, null)).toBe(v.topic);
    });
  }
});

describe("topicFor", () => {
  it("puts the token's account into account-scoped topics", () => {
    expect(topicFor(CHANNELS.orders, {}, "acc-1")).toBe(
      'orders:{"accountId":"acc-1"}',
    );
    expect(topicFor(CHANNELS["broker-connection"], {}, "acc-2")).toBe(
      'broker-connection:{"accountId":"acc-2"}',
    );
  });

  it("leaves the replay cursor out of the topic, so every replaying client shares the live topic", () => {
    expect(topicFor(CHANNELS.executions, { since: 41 }, "acc-1")).toBe(
      'executions:{"accountId":"acc-1"}',
    );
    expect(topicFor(CHANNELS.executions, {}, "acc-1")).toBe(
      'executions:{"accountId":"acc-1"}',
    );
  });

  it("names public topics by their params alone", () => {
    expect(
      topicFor(CHANNELS.quotes, { symbols: ["MSFT", "AAPL"] }, "acc-1"),
    ).toBe('quotes:{"symbols":["MSFT","AAPL"]}');
  });
});
