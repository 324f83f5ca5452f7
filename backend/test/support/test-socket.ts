import { pack, unpack } from "msgpackr";
import WebSocket, { type PerMessageDeflateOptions } from "ws";
import { checkServerFrame } from "./conformance";

export const MSGPACK = "tradewire.v1.msgpack";

export interface Frame {
  type: string;
  id?: string | number;
  payload: Record<string, unknown> & {
    topic?: string;
    seq?: number;
    status?: string;
    code?: string;
    payload?: unknown;
  };
}

export interface OpenOptions {
  token?: string;
  cookie?: string;
  /** false makes the socket ignore protocol pings, like a dead peer. */
  autoPong?: boolean;
  /** More upgrade headers (`origin`, `host`), as a browser page would send them. */
  headers?: Record<string, string>;
  /** Offered in `Sec-WebSocket-Protocol`, in order of preference. */
  protocols?: string[];
  /** Offer permessage-deflate (ws offers it unless told false). */
  perMessageDeflate?: boolean | PerMessageDeflateOptions;
}

/**
 * A real `ws` client for tests: frames queue up in arrival order, each checked against the
 * AsyncAPI schemas; `next` waits for the next frame matching a predicate.
 */
export class TestSocket {
  readonly frames: Frame[] = [];
  /** Every message as it arrived (after permessage-deflate), binary or not. */
  readonly raw: { data: Buffer; binary: boolean }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data: Buffer, isBinary) => {
      this.raw.push({ data, binary: isBinary });
      const text = isBinary ? this.binaryText(data) : data.toString("utf8");
      checkServerFrame(text);
      try {
        this.frames.push(JSON.parse(text) as Frame);
      } catch {
        this.frames.push({ type: "<unparseable>", payload: { raw: text } });
      }
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
  }

  static open(url: string, options: OpenOptions = {}): Promise<TestSocket> {
    const target = options.token
      ? `${url}?token=${encodeURIComponent(options.token)}`
      : url;
    const ws = new WebSocket(target, options.protocols ?? [], {
      autoPong: options.autoPong ?? true,
      perMessageDeflate: options.perMessageDeflate ?? true,
      headers: {
        ...options.headers,
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(socket));
      ws.once("error", reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The subprotocol the server accepted ("" for none). */
  get protocol(): string {
    return this.ws.protocol;
  }

  /** A frame in the socket's encoding: MessagePack binary on a msgpack socket, else JSON text. */
  send(frame: object): void {
    if (this.protocol === MSGPACK) this.ws.send(pack(frame), { binary: true });
    else this.ws.send(JSON.stringify(frame));
  }

  /** A binary frame on a MessagePack socket as JSON text (for the schema check), else a marker. */
  private binaryText(data: Buffer): string {
    if (this.protocol !== MSGPACK) return "<binary>";
    try {
      return JSON.stringify(unpack(data));
    } catch {
      return "<unreadable msgpack>";
    }
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Wait for (and remove from the queue) the first frame that matches. */
  async next(
    match: (f: Frame) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as Frame;
      if (!this.isOpen && this.ws.readyState !== WebSocket.CONNECTING)
        throw new Error("socket closed while waiting for a frame");
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching frame within ${timeoutMs} ms; queued: ${JSON.stringify(this.frames.slice(0, 5))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  nextOfType(type: string, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f.type === type, timeoutMs);
  }

  /** Send `<route>.subscribe` and return its response. */
  async subscribe(route: string, params: object): Promise<Frame> {
    const id = this.nextId++;
    this.send({ type: `${route}.subscribe`, id, payload: params });
    return this.next(
      (f) => f.type === `${route}.subscribe.response` && f.id === id,
    );
  }

  async unsubscribe(route: string, params: object): Promise<Frame> {
    const id = this.nextId++;
    this.send({ type: `${route}.unsubscribe`, id, payload: params });
    return this.next(
      (f) => f.type === `${route}.unsubscribe.response` && f.id === id,
    );
  }

  /** Round-trip an app-level ping: proves the connection still works. */
  async ping(): Promise<Frame> {
    const id = this.nextId++;
    this.send({ type: "ping", id, payload: { t: 42 } });
    return this.next((f) => f.type === "pong" && f.id === id);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Poll a condition until it holds (for state the server changes asynchronously). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
