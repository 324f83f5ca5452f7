// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ProtocolServer } from "@tradewire/client/testing";
import { until } from "../../../test/support/until";
import type { Quote } from "../../model/quote";
import { createWsAdapter, type WsAdapter } from "./wsAdapter";
import { WsClientBase } from "./wsClientBase";

const TOPIC = 'quotes:{"symbols":["AAPL"]}';
const quote = (lp: number) => ({
  s: "ok",
  n: "AAPL",
  v: {
    lp,
    ask: lp + 0.01,
    bid: lp - 0.01,
    spread: 0.02,
    ch: 0,
    chp: 0,
    open_price: lp,
    high_price: lp,
    low_price: lp,
    prev_close_price: lp,
    volume: 0,
  },
});

describe("WsAdapter channels over the client core", () => {
  let server: ProtocolServer;
  let adapter: WsAdapter;

  beforeEach(async () => {
    server = await ProtocolServer.start();
    adapter = createWsAdapter(
      WsClientBase.acquire({
        url: server.url,
        WebSocket,
        heartbeatIntervalMs: 0,
      }),
    );
  });
  afterEach(async () => {
    await adapter.dispose();
    await server.stop();
  });

  it("hands every subscriber the mapped view, over one wire subscription", async () => {
    const a: Quote[] = [];
    const b: Quote[] = [];
    await adapter.quotes.subscribe("watchlist", { symbols: ["AAPL"] }, (q) =>
      a.push(q),
    );
    await adapter.quotes.subscribe("ticket", { symbols: ["AAPL"] }, (q) =>
      b.push(q),
    );
    server.publish("quotes", TOPIC, 1, quote(232.15));
    await until(() => a.length === 1 && b.length === 1);
    expect(a[0]).toMatchObject({ symbol: "AAPL", last: 232.15 });
    expect(a[0]?.bid).toBeCloseTo(232.14, 6);
    expect(
      server.framesOfType("quotes.subscribe").length,
    ).toBeGreaterThanOrEqual(1);
  });

  it("unsubscribes the wire topic only when the last subscriber id leaves", async () => {
    await adapter.quotes.subscribe(
      "watchlist",
      { symbols: ["AAPL"] },
      () => undefined,
    );
    await adapter.quotes.subscribe(
      "ticket",
      { symbols: ["AAPL"] },
      () => undefined,
    );
    adapter.quotes.unsubscribe("watchlist");
    adapter.quotes.unsubscribe("unknown-id");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.framesOfType("quotes.unsubscribe")).toHaveLength(0);
    adapter.quotes.unsubscribe("ticket");
    await server.until(
      () => server.framesOfType("quotes.unsubscribe").length === 1,
    );
  });

  it("replaces a subscriber that subscribes again under the same id", async () => {
    const seen: string[] = [];
    await adapter.quotes.subscribe("chart", { symbols: ["AAPL"] }, () =>
      seen.push("old"),
    );
    await adapter.quotes.subscribe("chart", { symbols: ["MSFT"] }, () =>
      seen.push("new"),
    );
    await server.until(
      () => server.framesOfType("quotes.unsubscribe").length === 1,
    );
    server.publish("quotes", 'quotes:{"symbols":["MSFT"]}', 1, {
      ...quote(468),
      n: "MSFT",
    });
    await until(() => seen.length === 1);
    expect(seen).toEqual(["new"]);
  });

  it("settles a refusal with its code and tells onError", async () => {
    server.subscribeReply = () => ({
      status: "error",
      code: "UNKNOWN_SYMBOL",
      message: "unknown symbol NOPE",
    });
    const errors: string[] = [];
    const outcome = await adapter.bars.subscribe(
      "chart",
      { symbol: "NOPE", resolution: "1" },
      () => undefined,
      (e) => errors.push(e.code),
    );
    expect(outcome).toEqual({
      ok: false,
      error: { code: "UNKNOWN_SYMBOL", message: "unknown symbol NOPE" },
    });
    expect(errors).toEqual(["UNKNOWN_SYMBOL"]);
  });
});
