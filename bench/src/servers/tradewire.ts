import { tmpdir } from "node:os";
import type { QuoteData, QuotesSubscriptionRequest } from "@tradewire/client";
import {
  createApp,
  loadConfig,
  QuotesWsRouter,
  type ModuleFactory,
  type TopicRef,
  type TopicUpdate,
  type TradewireApp,
  type WsRouteService,
} from "../backend";
import { indexOfSymbol } from "../harness/quote-shape";
import type { BenchServer } from "./bench-server";

/**
 * A quotes service as a feature module would write it: it starts publishing a topic when the
 * router creates it and stops when the router removes it. Here "publishing" is the benchmark's
 * schedule calling `publish`, which goes through the topic's `topicUpdate`.
 */
class BenchQuotesService implements WsRouteService<
  QuotesSubscriptionRequest,
  QuoteData
> {
  private readonly updates: (TopicUpdate<QuoteData> | undefined)[] = [];

  createTopic(
    topic: TopicRef<QuotesSubscriptionRequest>,
    update: TopicUpdate<QuoteData>,
  ): void {
    this.updates[this.indexOf(topic)] = update;
  }

  removeTopic(topic: TopicRef<QuotesSubscriptionRequest>): void {
    this.updates[this.indexOf(topic)] = undefined;
  }

  publish(topic: number, data: QuoteData): void {
    this.updates[topic]?.(data);
  }

  private indexOf(topic: TopicRef<QuotesSubscriptionRequest>): number {
    return indexOfSymbol(topic.params.symbols[0] ?? "SYM000");
  }
}

/**
 * Limits raised for thousands of sockets from one address subscribing at once; the slow-consumer
 * thresholds keep their defaults, they are part of what is measured.
 */
const BENCH_ENV = {
  LOG_LEVEL: "silent",
  JWT_SECRET: "bench-secret-that-is-long-enough-for-hs256-0123456789",
  WS_MAX_CONNECTIONS: "100000",
  WS_RATE_PER_SECOND: "1000",
  WS_RATE_BURST: "1000",
};

/** The real app (Fastify, @fastify/websocket, the gateway and a generated router). */
export class TradewireServer implements BenchServer {
  private readonly service = new BenchQuotesService();
  private app: TradewireApp | null = null;

  async listen(): Promise<number> {
    const service = this.service;
    const bench: ModuleFactory = () => ({
      name: "bench",
      service,
      registerRoutes: () => undefined,
      wsRouters: () => [new QuotesWsRouter(service)],
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    });
    this.app = await createApp({
      config: loadConfig({ ...BENCH_ENV, DATA_DIR: tmpdir() }),
      modules: [bench],
    });
    const url = await this.app.listen(0, "127.0.0.1");
    return Number(new URL(url).port);
  }

  publish(topic: number, data: QuoteData): void {
    this.service.publish(topic, data);
  }

  queuedBytes(): number {
    let n = 0;
    for (const ws of this.requireApp().fastify.websocketServer.clients)
      n += ws.bufferedAmount;
    return n;
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
