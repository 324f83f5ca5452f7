import { tmpdir } from "node:os";
import type { QuoteData, QuotesSubscriptionRequest } from "@tradewire/client";
import {
  createApp,
  loadConfig,
  QuotesWsRouter,
  type TradewireModule,
  type TopicRef,
  type TopicUpdate,
  type TradewireApp,
  type WsRouteService,
} from "../backend";
import { indexOfSymbol } from "../harness/quote-shape";
import type { BenchServer } from "./bench-server";

/**
 * A quotes service as a feature module would write it: it starts publishing a topic when the
 * router creates it and stops when the router removes it, and a new subscriber gets the latest
 * quote of each of the topic's symbols. Here "publishing" is the benchmark's schedule calling
 * `publish`, which goes through the topic's `topicUpdate`. The schedule publishes one-symbol
 * topics; a topic of several symbols (the hostile scenario's) only ever gets its snapshot.
 */
class BenchQuotesService implements WsRouteService<
  QuotesSubscriptionRequest,
  QuoteData
> {
  private readonly updates: (TopicUpdate<QuoteData> | undefined)[] = [];
  private readonly latest: (QuoteData | undefined)[] = [];

  createTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
    update: TopicUpdate<QuoteData>,
  ): void {
    if (topic.params.symbols.length === 1)
      this.updates[this.indexOf(topic)] = update;
  }

  removeTopic(topic: TopicRef<QuotesSubscriptionRequest>): void {
    if (topic.params.symbols.length === 1)
      this.updates[this.indexOf(topic)] = undefined;
  }

  snapshot(topic: TopicRef<QuotesSubscriptionRequest>): QuoteData[] {
    const quotes: QuoteData[] = [];
    for (const symbol of topic.params.symbols) {
      const quote = this.latest[indexOfSymbol(symbol)];
      if (quote) quotes.push(quote);
    }
    return quotes;
  }

  publish(topic: number, data: QuoteData): void {
    this.latest[topic] = data;
    this.updates[topic]?.(data);
  }

  private indexOf(topic: TopicRef<QuotesSubscriptionRequest>): number {
    return indexOfSymbol(topic.params.symbols[0] ?? "SYM000");
  }
}

/**
 * Limits raised for thousands of anonymous sockets from one address subscribing at once; the
 * slow-consumer thresholds and the outbound budget keep their defaults, they are part of what is
 * measured.
 */
const BENCH_ENV = {
  LOG_LEVEL: "silent",
  JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
  WS_MAX_CONNECTIONS: "100000",
  WS_MAX_ANONYMOUS_PER_ADDRESS: "100000",
  WS_RATE_PER_SECOND: "1000",
  WS_RATE_BURST: "1000",
};

/** The real app (Fastify, @fastify/websocket, the gateway and a generated router). */
export class TradewireServer implements BenchServer {
  private readonly service = new BenchQuotesService();
  private app: TradewireApp | null = null;

  async listen(): Promise<number> {
    const service = this.service;
    const bench: TradewireModule<BenchQuotesService> = {
      name: "bench",
      service,
      registerRoutes: () => undefined,
      wsRouters: () => [new QuotesWsRouter(service)],
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    };
    this.app = await createApp({
      config: loadConfig({ ...BENCH_ENV, DATA_DIR: tmpdir() }),
      modules: () => [bench],
    });
    const url = await this.app.listen(0, "127.0.0.1");
    return Number(new URL(url).port);
  }

  publish(topic: number, data: QuoteData): void {
    this.service.publish(topic, data);
  }

  /** Everything waiting for the sockets: their buffers and the gateway's queues. */
  queuedBytes(): number {
    return this.requireApp().gateway.outboundBytes;
  }

  sockets(): number {
    return this.requireApp().fastify.websocketServer.clients.size;
  }

  async close(): Promise<void> {
    await this.app?.close();
  }

  private requireApp(): TradewireApp {
    if (!this.app) throw new Error("the Tradewire server is not listening");
    return this.app;
  }
}
