import type {
  Bar,
  BarsSubscriptionRequest,
  QuoteData,
  QuotesSubscriptionRequest,
} from "@tradewire/client";
import { describe, expect, it } from "vitest";
import {
  BarsWsRouter,
  QuotesWsRouter,
  WS_ROUTERS,
  type WsServices,
} from "../../src/generated/ws-routers";
import type { TopicRef, TopicUpdate, WsRouteService } from "../../src/ws";

// The assertions in this file are checked by the type-checker (`make typecheck`, part of `make test`):
// each @ts-expect-error fails the build if the line below it ever compiles.

const bar: Bar = {
  time: 1_700_000_000_000,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1.5,
  volume: 10,
};
const quote: QuoteData = {
  s: "ok",
  n: "AAPL",
  v: {
    lp: 1,
    ask: 1.01,
    bid: 0.99,
    spread: 0.02,
    ch: 0,
    chp: 0,
    open_price: 1,
    high_price: 1,
    low_price: 1,
    prev_close_price: 1,
    volume: 0,
  },
};

const published: unknown[] = [];
const barsService: WsRouteService<BarsSubscriptionRequest, Bar> = {
  createTopic(
    topic: TopicRef<BarsSubscriptionRequest>,
    topicUpdate: TopicUpdate<Bar>,
  ) {
    const symbol: string = topic.params.symbol;
    topicUpdate(bar);
    // @ts-expect-error a quote is not a Bar: a bars router cannot publish it
    topicUpdate(quote);
    // @ts-expect-error a bar missing its volume is not a Bar
    topicUpdate({ time: 1, open: 1, high: 1, low: 1, close: 1 });
    published.push(symbol);
  },
  removeTopic() {},
};
const quotesService: WsRouteService<QuotesSubscriptionRequest, QuoteData> = {
  createTopic(_topic, topicUpdate) {
    topicUpdate(quote);
  },
  removeTopic() {},
};

describe("generated routers are typed by their channel", () => {
  it("accept a service of their own request and data types", () => {
    expect(new BarsWsRouter(barsService).route).toBe("bars");
    expect(new QuotesWsRouter(quotesService).route).toBe("quotes");
  });

  it("reject a service of another channel at compile time", () => {
    // @ts-expect-error a quotes service cannot back the bars router
    const wrong = new BarsWsRouter(quotesService);
    // At run time nothing stops it; the point of the generated classes is that tsc does.
    expect(wrong.route).toBe("bars");
  });

  it("list one router class per route, and the service each needs", () => {
    expect(Object.keys(WS_ROUTERS)).toEqual([
      "bars",
      "quotes",
      "orders",
      "positions",
      "executions",
      "equity",
      "broker-connection",
      "indicators",
      "alerts",
      "alert-events",
      "jobs",
    ]);
    const services: Pick<WsServices, "bars"> = { bars: barsService };
    // @ts-expect-error the registry knows the bars route needs a bars service
    const wrongServices: Pick<WsServices, "bars"> = { bars: quotesService };
    expect(services.bars).toBe(barsService);
    expect(wrongServices.bars).toBe(quotesService);
  });
});
