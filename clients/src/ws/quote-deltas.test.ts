import { describe, expect, it } from "vitest";
import type { QuoteData } from "../generated/models.js";
import { Collector } from "./testing/client-helpers.js";
import { useHarness } from "./testing/harness.js";
import { sendUpdate } from "./testing/protocol-server.js";

const setup = useHarness();
const TOPIC = 'quotes:{"delta":true,"symbols":["AAPL","MSFT"]}';

function quote(n: string, lp: number): QuoteData {
  return {
    s: "ok",
    n,
    v: {
      lp,
      ask: lp + 0.01,
      bid: lp - 0.01,
      spread: 0.02,
      ch: lp - 100,
      chp: 0,
      open_price: 100,
      high_price: 110,
      low_price: 90,
      prev_close_price: 100,
      volume: 5,
      exchange: "NASDAQ",
    },
  };
}

describe("TradewireClient quote deltas", () => {
  it("hands listeners whole quotes built from the snapshot and the deltas after it, and resubscribes when a delta's base is newer than its copy", async () => {
    const { server, client } = await setup();
    let snapshotSeq = 4;
    let snapshotLp = 101;
    server.afterSubscribe = (topic, _frame, socket) => {
      sendUpdate(
        socket,
        "quotes",
        topic,
        snapshotSeq,
        quote("AAPL", snapshotLp),
      );
      sendUpdate(socket, "quotes", topic, snapshotSeq, quote("MSFT", 400));
    };
    const got = new Collector<QuoteData>();
    client.connect();
    const sub = client.subscribe(
      "quotes",
      { symbols: ["AAPL", "MSFT"], delta: true },
      (q) => got.push(q),
    );
    expect(await sub.ready).toBe(TOPIC);
    await got.next(2);

    // AAPL's last update was at seq 3, before the snapshot (seq 4): the delta applies to it.
    server.publish("quotes", TOPIC, 5, {
      n: "AAPL",
      base: 3,
      v: { lp: 102, volume: 6 },
    });
    server.publish("quotes", TOPIC, 6, {
      n: "MSFT",
      base: 0,
      v: { bid: 399.5 },
    });
    server.publish("quotes", TOPIC, 7, { n: "AAPL", base: 5, v: { lp: 103 } });
    expect((await got.next(5)).slice(2)).toEqual([
      {
        ...quote("AAPL", 101),
        v: { ...quote("AAPL", 101).v, lp: 102, volume: 6 },
      },
      { ...quote("MSFT", 400), v: { ...quote("MSFT", 400).v, bid: 399.5 } },
      {
        ...quote("AAPL", 101),
        v: { ...quote("AAPL", 101).v, lp: 103, volume: 6 },
      },
    ]);

    // MSFT's update at seq 8 never arrived: the next MSFT delta (base 8) cannot apply.
    snapshotSeq = 10;
    snapshotLp = 104;
    server.publish("quotes", TOPIC, 9, { n: "MSFT", base: 8, v: { lp: 401 } });
    server.publish("quotes", TOPIC, 10, { n: "MSFT", base: 9, v: { lp: 402 } });
    await server.until(
      () => server.framesOfType("quotes.subscribe").length === 2,
    );
    await got.next(7);
    expect(got.items.slice(5).map((q) => [q.n, q.v.lp])).toEqual([
      ["AAPL", 104],
      ["MSFT", 400],
    ]);
    server.publish("quotes", TOPIC, 11, {
      n: "MSFT",
      base: 10,
      v: { lp: 405 },
    });
    expect((await got.next(8))[7]?.v).toEqual({
      ...quote("MSFT", 400).v,
      lp: 405,
    });
    // The two deltas that could not apply asked for one snapshot, not two.
    expect(server.framesOfType("quotes.subscribe")).toHaveLength(2);
  });
});
