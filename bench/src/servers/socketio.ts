import { createServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { QuoteData } from "@tradewire/client";
import {
  quoteTopic,
  SUBSCRIBE_TYPE,
  symbolOf,
  UPDATE_TYPE,
} from "../harness/quote-shape";
import { listenOnLoopback, type BenchServer } from "./bench-server";

/** The parts of Engine.IO's internals read to report what is queued; not in its public types. */
interface EngineInternals {
  readonly writeBuffer?: readonly { data?: unknown }[];
  readonly transport?: {
    readonly socket?: { readonly bufferedAmount?: number };
  };
}

/**
 * Socket.IO 4.8 with one room per topic, WebSocket transport only, as users deploy it for
 * streaming. `io.to(room).emit` encodes once per update and Socket.IO precomputes the frame.
 */
export class SocketIoServer implements BenchServer {
  private readonly http = createServer();
  private readonly io = new Server(this.http, {
    transports: ["websocket"],
    serveClient: false,
    perMessageDeflate: false,
  });
  private readonly topics: { id: string; seq: number }[] = [];

  constructor() {
    this.io.on("connection", (socket: Socket) => {
      socket.on(
        SUBSCRIBE_TYPE,
        (payload: { symbols: string[] }, ack: (answer: unknown) => void) => {
          const id = quoteTopic(payload.symbols[0] ?? symbolOf(0));
          void socket.join(id);
          ack({ status: "ok", topic: id });
        },
      );
    });
  }

  listen(): Promise<number> {
    return listenOnLoopback(this.http);
  }

  publish(topic: number, data: QuoteData): void {
    let t = this.topics[topic];
    if (!t) {
      t = { id: quoteTopic(symbolOf(topic)), seq: 0 };
      this.topics[topic] = t;
    }
    t.seq += 1;
    this.io
      .to(t.id)
      .emit(UPDATE_TYPE, { topic: t.id, seq: t.seq, payload: data });
  }

  queuedBytes(): number {
    let n = 0;
    for (const socket of this.io.sockets.sockets.values()) {
      const engine = socket.conn as unknown as EngineInternals;
      n += engine.transport?.socket?.bufferedAmount ?? 0;
      for (const packet of engine.writeBuffer ?? [])
        n += typeof packet.data === "string" ? packet.data.length : 0;
    }
    return n;
  }

  sockets(): number {
    return this.io.sockets.sockets.size;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
