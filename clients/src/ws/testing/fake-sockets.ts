import type { WebSocketConstructor, WebSocketLike } from "../transport.js";
import { ReadyState } from "../transport.js";

/** One socket the client dialled, driven by the test: open it, refuse it, talk, close it. */
export class FakeSocket implements WebSocketLike {
  readyState: number = ReadyState.Connecting;
  onopen: WebSocketLike["onopen"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  /** Frames the client sent, parsed. */
  readonly sent: {
    type: string;
    id: number;
    payload: Record<string, unknown>;
  }[] = [];

  constructor(readonly url: string) {}

  open(): void {
    this.readyState = ReadyState.Open;
    this.onopen?.({});
  }

  /** The server (or the network) ends the socket with `code`; 1006 when a dial is refused. */
  drop(code = 1006): void {
    this.readyState = ReadyState.Closed;
    this.onerror?.({});
    this.onclose?.({ code, reason: "" });
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** Answers every subscribe sent so far with ok for `topicOf(payload)`. */
  confirmSubscribes(topicOf: (type: string, payload: object) => string): void {
    for (const frame of this.sent.filter((f) =>
      f.type.endsWith(".subscribe"),
    )) {
      this.receive({
        type: `${frame.type}.response`,
        id: frame.id,
        payload: { status: "ok", topic: topicOf(frame.type, frame.payload) },
      });
    }
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as FakeSocket["sent"][number]);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === ReadyState.Closed) return;
    this.readyState = ReadyState.Closed;
    this.onclose?.({ code, reason });
  }
}

/** A WebSocket constructor that records every socket the client creates, in order. */
export class FakeSockets {
  readonly dialled: FakeSocket[] = [];
  readonly WebSocket: WebSocketConstructor;

  constructor() {
    const dialled = this.dialled;
    this.WebSocket = class extends FakeSocket {
      constructor(url: string) {
        super(url);
        dialled.push(this);
      }
    };
  }

  /** The n-th socket (1-based), once the client has created it (its token resolves first). */
  async nth(n: number): Promise<FakeSocket> {
    while (this.dialled.length < n)
      await new Promise((resolve) => setImmediate(resolve));
    const socket = this.dialled[n - 1];
    if (!socket) throw new Error("no socket");
    return socket;
  }

  /** URLs dialled so far, without their query. */
  get urls(): string[] {
    return this.dialled.map((s) => s.url.split("?")[0] ?? s.url);
  }
}
