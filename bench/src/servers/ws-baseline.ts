import { createServer, type Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import type { QuoteData } from "@tradewire/client";
import {
  indexOfSymbol,
  quoteTopic,
  SUBSCRIBE_TYPE,
  symbolOf,
} from "../harness/quote-shape";
import { listenOnLoopback, type BenchServer } from "./bench-server";

export const TEXT = { binary: false } as const;

/** One topic of a baseline server: its subscribers and its sequence number. */
export interface BaselineTopic {
  readonly id: string;
  readonly json: string;
  readonly sockets: Set<WebSocket>;
  seq: number;
}

/** How a baseline hands one update to a topic's subscribers. */
export type Broadcast = (topic: BaselineTopic, data: QuoteData) => void;

/**
 * A plain `ws` server speaking just enough of Tradewire's protocol for the benchmark:
 * `quotes.subscribe` for one symbol, answered ok, and updates on that topic. No limits, no
 * metrics, no backpressure: the ceiling for this stack.
 */
export class WsBaseline implements BenchServer {
  private readonly http: Server = createServer();
  private readonly wss = new WebSocketServer({
    server: this.http,
    path: "/api/v1/ws",
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
  });
  private readonly topics: BaselineTopic[] = [];

  constructor(private readonly broadcast: Broadcast) {
    this.wss.on("connection", (ws) => {
      const held: BaselineTopic[] = [];
      // The load generator sends each request in one text frame: a Buffer.
      ws.on("message", (data) => {
        if (Buffer.isBuffer(data))
          this.onMessage(ws, held, data.toString("utf8"));
      });
      ws.on("close", () => {
        for (const t of held) t.sockets.delete(ws);
      });
      ws.on("error", () => undefined);
    });
  }

  listen(): Promise<number> {
    return listenOnLoopback(this.http);
  }

  publish(topic: number, data: QuoteData): void {
    const t = this.topics[topic];
    if (t && t.sockets.size > 0) {
      t.seq += 1;
      this.broadcast(t, data);
    }
  }

  queuedBytes(): number {
    let n = 0;
    for (const ws of this.wss.clients) n += ws.bufferedAmount;
    return n;
  }

  sockets(): number {
    return this.wss.clients.size;
  }

  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) =>
      this.wss.close(() => this.http.close(() => resolve())),
    );
  }

  private onMessage(ws: WebSocket, held: BaselineTopic[], text: string): void {
    const frame = JSON.parse(text) as {
      type: string;
      id?: number | string;
      payload: { symbols: string[] };
    };
    if (frame.type !== SUBSCRIBE_TYPE) return;
    const symbol = frame.payload.symbols[0] ?? symbolOf(0);
    const topic = this.topicOf(indexOfSymbol(symbol));
    topic.sockets.add(ws);
    held.push(topic);
    ws.send(
      JSON.stringify({
        type: `${SUBSCRIBE_TYPE}.response`,
        id: frame.id,
        payload: { status: "ok", topic: topic.id },
      }),
    );
  }

  private topicOf(index: number): BaselineTopic {
    let t = this.topics[index];
    if (!t) {
      const id = quoteTopic(symbolOf(index));
      t = { id, json: JSON.stringify(id), sockets: new Set(), seq: 0 };
      this.topics[index] = t;
    }
    return t;
  }
}
