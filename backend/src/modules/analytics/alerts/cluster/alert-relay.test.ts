import type { AlertRule } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import { InProcessBus } from "../../../../bus/in-process-bus";
import type { AlertChange } from "../engine/alert-bus";
import { AlertRelay } from "./alert-relay";

/** Errors would fail the test through the assertions; nothing to print. */
const quiet = {
  error: () => undefined,
  warn: () => undefined,
} as unknown as FastifyBaseLogger;

const rule = (id: string): AlertChange => ({
  kind: "rule",
  rule: {
    id,
    name: "BTCUSD crosses above 90,000.00",
    condition: {
      type: "price-cross",
      symbol: "BTCUSD",
      direction: "above",
      level: 90_000,
    },
    repeat: false,
    cooldownSeconds: 60,
    status: "active",
    createdAt: 1,
    updatedAt: 1,
    fireCount: 0,
  } satisfies AlertRule,
});

describe("AlertRelay", () => {
  it("a change reaches the account's listeners on every instance once, and other accounts' not at all", async () => {
    const bus = new InProcessBus((err) => {
      throw err;
    });
    const a = new AlertRelay(bus, "a", quiet);
    const b = new AlertRelay(bus, "b", quiet);
    const heard = { a: [] as string[], b: [] as string[], other: 0 };
    a.on("acc", (c) => heard.a.push(c.kind === "rule" ? c.rule.id : ""));
    const offB = b.on("acc", (c) =>
      heard.b.push(c.kind === "rule" ? c.rule.id : ""),
    );
    b.on("other-acc", () => heard.other++);
    await Promise.all([a.ready("acc"), b.ready("acc")]);

    a.emit("acc", rule("r1"));
    b.emit("acc", rule("r2"));
    expect(heard.a).toEqual(["r1", "r2"]);
    expect(heard.b).toEqual(["r1", "r2"]);
    expect(heard.other).toBe(0);

    // The last listener of an account gone, the instance no longer hears it.
    offB();
    a.emit("acc", rule("r3"));
    expect(heard.b).toEqual(["r1", "r2"]);
    expect(heard.a).toEqual(["r1", "r2", "r3"]);
    await bus.close();
  });

  it("an account whose subscription the bus refused is subscribed again once the bus is back", async () => {
    const bus = new InProcessBus((err) => {
      throw err;
    });
    let refuse = true;
    const flaky = Object.create(bus) as InProcessBus;
    flaky.subscribe = (channel, handler) =>
      refuse
        ? Promise.reject(new Error("the bus is cut off"))
        : bus.subscribe(channel, handler);
    const a = new AlertRelay(bus, "a", quiet);
    const b = new AlertRelay(flaky, "b", quiet);
    const heard: string[] = [];
    b.on("acc", (c) => heard.push(c.kind === "rule" ? c.rule.id : ""));
    await b.ready("acc");
    a.emit("acc", rule("lost"));
    refuse = false;
    b.retry();
    await b.ready("acc");
    a.emit("acc", rule("heard"));
    expect(heard).toEqual(["heard"]);
    await bus.close();
  });
});
