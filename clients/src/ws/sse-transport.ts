import { CloseCode } from "../generated/models.js";
import { ReadyState, type WebSocketLike } from "./transport.js";

/** The part of `fetch`'s options the event stream uses (without DOM typings). */
export interface FetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  readonly credentials?: "same-origin";
  readonly cache?: "no-store";
}

/** The part of a `fetch` response the event stream reads. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly body: ReadableStream<Uint8Array> | null;
}

/** A `fetch` as browsers and Node 20 have it; injectable for tests. */
export type FetchLike = (
  input: string,
  init: FetchInit,
) => Promise<FetchResponse>;

/** Envelopes sent in one POST at most, and the bytes one POST may carry (the server's frame limit is 64 KiB). */
const MAX_BATCH_FRAMES = 100;
const MAX_BATCH_BYTES = 16 * 1024;
const ABNORMAL = 1006;
const TOO_BIG = 1009;

/**
 * The event stream URL for a socket URL: `ws(s)://host/api/v1/ws?q` -> `http(s)://host/api/v1/sse?q`
 * (the query carries the `token`, as on the socket).
 */
export function sseUrlFor(socketUrl: string): string {
  const url = new URL(socketUrl);
  if (url.protocol === "ws:") url.protocol = "http:";
  else if (url.protocol === "wss:") url.protocol = "https:";
  if (!/\/ws\/?$/.test(url.pathname))
    throw new TypeError(`not a socket URL ending in /ws: ${socketUrl}`);
  url.pathname = url.pathname.replace(/\/ws\/?$/, "/sse");
  return url.toString();
}

/**
 * The fallback transport as a `WebSocketLike`: server frames from `GET /api/v1/sse` (read with
 * `fetch` streaming, so it works alike in browsers and Node 20 and never reconnects by itself as
 * EventSource would), client frames POSTed to the stream's session in order, several at a time.
 * The server's liveness pings are echoed by POST. The stream's last event gives the close code.
 */
export class SseSocket implements WebSocketLike {
  readonly transport = "sse";
  readyState: number = ReadyState.Connecting;
  onopen: WebSocketLike["onopen"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  private readonly streamUrl: URL;
  private readonly abort = new AbortController();
  private session: string | null = null;
  private outbox: string[] = [];
  private posting = false;
  private closeEvent: { code: number; reason: string } | null = null;

  constructor(
    socketUrl: string,
    private readonly fetcher: FetchLike = (input, init) => fetch(input, init),
  ) {
    this.streamUrl = new URL(sseUrlFor(socketUrl));
    void this.read();
  }

  send(data: string): void {
    if (this.readyState !== ReadyState.Open)
      throw new Error("the event stream is not open");
    this.outbox.push(data);
    if (!this.posting) void this.flush();
  }

  close(code: number = CloseCode.NormalClosure, reason = ""): void {
    if (this.readyState === ReadyState.Closed) return;
    this.closeEvent ??= { code, reason };
    this.abort.abort();
  }

  private async read(): Promise<void> {
    try {
      const res = await this.fetcher(this.streamUrl.toString(), {
        headers: { accept: "text/event-stream" },
        cache: "no-store",
        credentials: "same-origin",
        signal: this.abort.signal,
      });
      if (!res.ok || res.body === null)
        throw new Error(`event stream refused: ${res.status}`);
      await this.consume(res.body);
    } catch {
      // As a socket that never opened reports an error before its close; a close() asked for does not.
      if (
        this.readyState === ReadyState.Connecting &&
        !this.abort.signal.aborted
      )
        this.onerror?.({});
    }
    this.finish();
  }

  private async consume(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  private dispatch(block: string): void {
    const event = parseEvent(block);
    if (event === null) return;
    if (event.type === "message") this.onmessage?.({ data: event.data });
    else if (event.type === "open") this.opened(event.data);
    else if (event.type === "ping")
      void this.post("/pong", JSON.stringify({ data: event.data }));
    else if (event.type === "close")
      this.closeEvent ??= JSON.parse(event.data) as {
        code: number;
        reason: string;
      };
  }

  private opened(data: string): void {
    this.session = (JSON.parse(data) as { session: string }).session;
    this.readyState = ReadyState.Open;
    this.onopen?.({});
  }

  /** The stream ended: the close event it carried, or 1006 as for a socket that died. */
  private finish(): void {
    if (this.readyState === ReadyState.Closed) return;
    this.readyState = ReadyState.Closed;
    this.outbox = [];
    this.abort.abort();
    const { code, reason } = this.closeEvent ?? { code: ABNORMAL, reason: "" };
    this.onclose?.({ code, reason });
  }

  /** One POST at a time keeps the frames in order; what queued meanwhile goes in the next. */
  private async flush(): Promise<void> {
    this.posting = true;
    while (this.outbox.length > 0 && this.readyState === ReadyState.Open) {
      const batch = takeBatch(this.outbox);
      const status = await this.post("", `[${batch.join(",")}]`);
      if (status !== 202) {
        // The session is gone (404), or the frames were refused: as a socket would, close.
        this.close(
          status === 413 ? TOO_BIG : ABNORMAL,
          `POST answered ${status}`,
        );
        break;
      }
    }
    this.posting = false;
  }

  private async post(path: string, body: string): Promise<number> {
    if (this.session === null) return 0;
    const url = new URL(this.streamUrl);
    url.pathname = `${url.pathname}/${encodeURIComponent(this.session)}${path}`;
    try {
      const res = await this.fetcher(url.toString(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        credentials: "same-origin",
        signal: this.abort.signal,
      });
      await res.body?.cancel();
      return res.status;
    } catch {
      return 0;
    }
  }
}

/** The first frames of the outbox, within one POST's count and size. */
function takeBatch(outbox: string[]): string[] {
  let bytes = 0;
  let n = 0;
  while (n < outbox.length && n < MAX_BATCH_FRAMES) {
    bytes += (outbox[n] as string).length + 1;
    if (n > 0 && bytes > MAX_BATCH_BYTES) break;
    n += 1;
  }
  return outbox.splice(0, n);
}

/** One event of the stream (`event:` and `data:` lines; comments and other fields ignored). */
export function parseEvent(
  block: string,
): { type: string; data: string } | null {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  return data.length === 0 ? null : { type, data: data.join("\n") };
}
