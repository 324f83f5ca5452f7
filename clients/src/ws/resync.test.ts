import { describe, expect, it } from "vitest";
import type { Execution } from "../generated/models.js";
import { RESYNC_ATTEMPTS, type ResyncEvent } from "./resync.js";
import { Collector } from "./testing/client-helpers.js";
import { execution } from "./testing/fixtures.js";
import { useHarness } from "./testing/harness.js";

const setup = useHarness();

/** Waits for client-side state (the server's `until` only wakes on server events). */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition did not hold");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const TOPIC = 'executions:{"accountId":"a1"}';

/** A resync source the test answers by hand. */
function manualSource() {
  const calls: {
    after: number;
    resolve: (events: Execution[]) => void;
    reject: (error: Error) => void;
  }[] = [];
  const source = (after: number) =>
    new Promise<readonly Execution[]>((resolve, reject) =>
      calls.push({ after, resolve, reject }),
    );
  return { calls, source };
}

describe("TradewireClient resync (RESYNC_REQUIRED)", () => {
  it("after a replay stopped part way, subscribes live, reads the source and delivers each event once", async () => {
    const { calls, source } = manualSource();
    const { server, client } = await setup({ resync: { executions: source } });
    server.afterSubscribe = (topic, frame, socket) => {
      if (frame.payload.since === undefined) return;
      for (const sequence of [6, 7])
        socket.send(
          JSON.stringify({
            type: "executions.update",
            payload: { topic, seq: 0, payload: execution(sequence) },
          }),
        );
      socket.send(
        JSON.stringify({
          type: "error",
          id: frame.id,
          payload: {
            code: "RESYNC_REQUIRED",
            message: "the replay stopped after 7",
            requestType: "executions.subscribe",
          },
        }),
      );
    };
    const fills = new Collector<number>();
    const resyncs: ResyncEvent[] = [];
    client.connect();
    client.subscribe(
      "executions",
      { since: 5 },
      (x) => fills.push(x.sequence),
      {
        onResync: (event) => resyncs.push(event),
      },
    );
    await eventually(() => calls.length === 1);
    expect(
      server.framesOfType("executions.subscribe").map((f) => f.payload),
    ).toEqual([{ since: 5 }, {}]);
    expect(calls[0]?.after).toBe(7);
    // Live fills while the source is read wait; one of them is in the source's answer too.
    server.publish("executions", TOPIC, 1, execution(10));
    server.publish("executions", TOPIC, 2, execution(11));
    calls[0]?.resolve([8, 9, 10].map(execution));
    expect(await fills.next(6)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(resyncs).toEqual([
      { route: "executions", key: "executions:{}", after: 7, recovered: 3 },
    ]);
    // A later reconnect resumes from the newest delivered.
    server.drop();
    await server.until(
      () => server.framesOfType("executions.subscribe").length === 3,
    );
    expect(server.framesOfType("executions.subscribe")[2]?.payload).toEqual({
      since: 11,
    });
  });

  it("drops an answer from before a reconnect and reads the source again after the next confirm", async () => {
    const { calls, source } = manualSource();
    const { server, client } = await setup({
      resync: { executions: source },
      reconnect: { initialDelayMs: 10, maxDelayMs: 10 },
    });
    server.subscribeReply = (frame) =>
      frame.payload.since === undefined
        ? { status: "ok" }
        : { status: "error", code: "RESYNC_REQUIRED", message: "too many" };
    const fills = new Collector<number>();
    client.connect();
    const sub = client.subscribe("executions", { since: 3 }, (x) =>
      fills.push(x.sequence),
    );
    await expect(sub.ready).resolves.toBe(TOPIC);
    await eventually(() => calls.length === 1);
    server.drop();
    await eventually(() => calls.length === 2);
    // Still live-only after the reconnect, from the same cursor.
    expect(
      server.framesOfType("executions.subscribe").map((f) => f.payload),
    ).toEqual([{ since: 3 }, {}, {}]);
    calls[0]?.resolve([4, 5].map(execution));
    calls[1]?.resolve([4, 5, 6].map(execution));
    expect(await fills.next(3)).toEqual([4, 5, 6]);
    server.publish("executions", TOPIC, 1, execution(7));
    expect(await fills.next(4)).toEqual([4, 5, 6, 7]);
  });

  it("retries a failing source, then tells the application it must read the hole itself", async () => {
    const { calls, source } = manualSource();
    const { server, client } = await setup({
      resync: { executions: source },
      rateLimitRetryMs: 1,
    });
    server.subscribeReply = (frame) =>
      frame.payload.since === undefined
        ? { status: "ok" }
        : { status: "error", code: "RESYNC_REQUIRED", message: "too many" };
    const resyncs: ResyncEvent[] = [];
    const fills = new Collector<number>();
    client.connect();
    client.subscribe(
      "executions",
      { since: 3 },
      (x) => fills.push(x.sequence),
      {
        onResync: (event) => resyncs.push(event),
      },
    );
    for (let attempt = 1; attempt <= RESYNC_ATTEMPTS; attempt++) {
      await eventually(() => calls.length === attempt);
      server.publish("executions", TOPIC, attempt, execution(10 + attempt));
      calls[attempt - 1]?.reject(new Error(`503 (${attempt})`));
    }
    await eventually(() => resyncs.length === 1);
    expect(resyncs[0]).toMatchObject({ after: 3, recovered: null });
    expect(String(resyncs[0]?.error)).toContain(`503 (${RESYNC_ATTEMPTS})`);
    expect(await fills.next(3)).toEqual([11, 12, 13]);
  });
});
