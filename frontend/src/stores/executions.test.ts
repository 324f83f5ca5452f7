import { Side } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import type { Execution } from "../model/execution";
import { MAX_EXECUTIONS, useExecutionsStore } from "./executions";

const fill = (sequence: number): Execution => ({
  id: `X${sequence}`,
  sequence,
  orderId: "O1",
  symbol: "AAPL",
  side: Side.Buy,
  qty: 1,
  price: 100,
  commission: 0,
  time: sequence,
});

describe("executions store", () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("lists fills newest first and once each, whatever order they arrive in", () => {
    const store = useExecutionsStore();
    store.merge([fill(2), fill(1)]);
    store.add(fill(4));
    store.add(fill(3));
    store.add(fill(4));
    expect(store.list.map((x) => x.sequence)).toEqual([4, 3, 2, 1]);
  });

  it("keeps at most MAX_EXECUTIONS", () => {
    const store = useExecutionsStore();
    store.merge(
      Array.from({ length: MAX_EXECUTIONS + 5 }, (_, i) => fill(i + 1)),
    );
    expect(store.list).toHaveLength(MAX_EXECUTIONS);
    expect(store.list[0]?.sequence).toBe(MAX_EXECUTIONS + 5);
  });
});
