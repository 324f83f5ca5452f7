import { Side } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import type { Execution_Ws_Backend } from "../clients/ws-types-generated";
import { toExecution } from "./execution";

describe("toExecution", () => {
  it("maps every field, commission 0 included", () => {
    const wire: Execution_Ws_Backend = {
      id: "X1",
      sequence: 7,
      orderId: "O1",
      symbol: "AAPL",
      side: Side.Buy,
      qty: 5,
      price: 189.5,
      commission: 0,
      time: 1_700_000_000_007,
    };
    expect(toExecution(wire)).toStrictEqual({ ...wire });
  });
});
