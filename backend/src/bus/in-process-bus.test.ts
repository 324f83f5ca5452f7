import { describe, expect, it } from "vitest";
import { describeBusContract } from "./bus-contract";
import { InProcessBus } from "./in-process-bus";

describeBusContract(
  "in-process",
  (onHandlerError) => new InProcessBus(onHandlerError),
);

describe("InProcessBus", () => {
  it("runs handlers in the publisher's turn, before publish resolves", async () => {
    const bus = new InProcessBus(() => undefined);
    const got: unknown[] = [];
    await bus.subscribe("c", (m) => got.push(m));
    const published = bus.publish("c", "now");
    expect(got).toEqual(["now"]);
    await published;
  });
});
