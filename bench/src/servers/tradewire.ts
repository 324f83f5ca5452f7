import { tmpdir } from "node:os";
import type { QuoteData } from "@tradewire/client";
import {
  createApp,
  loadConfig,
  QuotesWsRouter,
  type Bus,
  type TradewireModule,
  type TradewireApp,
} from "../backend";
import { BenchQuotesService } from "./bench-quotes-service";
import type { BenchServer } from "./bench-server";

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
  private app: TradewireApp | null = null;

  /**
   * `bus`: the app's bus (the app closes it); given with a service that listens on it, this is
   * one instance of a cluster (the scale-out scenario).
   */
  constructor(
    private readonly service = new BenchQuotesService(),
    private readonly bus?: Bus,
    /** More environment for the app (`WS_DEFLATE`). */
    private readonly env: Record<string, string> = {},
  ) {}

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
      config: loadConfig({ ...BENCH_ENV, ...this.env, DATA_DIR: tmpdir() }),
      modules: () => [bench],
      ...(this.bus ? { bus: this.bus } : {}),
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
