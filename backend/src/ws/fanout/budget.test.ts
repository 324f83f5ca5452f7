import { describe, expect, it } from "vitest";
import type { WsConnection } from "../connection/connection";
import type { WsMetrics } from "../metrics/metrics";
import { shedOverBudget } from "./budget";

/** A socket with `backlogBytes` waiting that records how the budget treated it. */
function socket(name: string, backlogBytes: number, open = true) {
  const fate: string[] = [];
  const conn = {
    name,
    backlogBytes,
    open,
    fate,
    socket: { terminate: () => fate.push("terminated") },
    closeAsSlowConsumer: (reason: string) => fate.push(`closed: ${reason}`),
  };
  return conn;
}

function shed(conns: ReturnType<typeof socket>[], budget: number) {
  let shedCount = 0;
  const metrics = { shedSockets: { inc: () => (shedCount += 1) } };
  const total = shedOverBudget(
    conns as unknown as WsConnection[],
    budget,
    metrics as unknown as WsMetrics,
  );
  return { total, shedCount };
}

describe("shedOverBudget", () => {
  it("leaves every socket alone while the total is within the budget", () => {
    const conns = [socket("a", 400), socket("b", 600), socket("idle", 0)];
    expect(shed(conns, 1_000)).toEqual({ total: 1_000, shedCount: 0 });
    expect(conns.flatMap((c) => c.fate)).toEqual([]);
  });

  it("closes the sockets furthest behind first, only as many as it takes", () => {
    const conns = [socket("a", 300), socket("b", 900), socket("c", 500)];
    expect(shed(conns, 1_000)).toEqual({ total: 1_700, shedCount: 1 });
    expect(conns.map((c) => c.fate)).toEqual([
      [],
      ["closed: the server is over its outbound memory budget"],
      [],
    ]);
  });

  it("terminates sockets already closing before it sheds an open one", () => {
    const closing = socket("closing", 200, false);
    const big = socket("big", 900);
    const small = socket("small", 300);
    expect(shed([big, small, closing], 1_200)).toEqual({
      total: 1_400,
      shedCount: 0,
    });
    expect(closing.fate).toEqual(["terminated"]);
    expect(big.fate).toEqual([]);
    expect(small.fate).toEqual([]);
  });
});
