import http from "node:http";
import { checkServerFrame } from "./conformance";
import { specFetch } from "./openapi-conformance";
import type { Frame } from "./test-socket";

export interface StreamOptions {
  token?: string;
  cookie?: string;
  bearer?: string;
  headers?: Record<string, string>;
  /** false leaves `event: ping` unanswered, like a client that stopped reading. */
  autoPong?: boolean;
}

export interface PostAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * A real client of the fallback transport for tests: `GET /api/v1/sse` over node:http (so the
 * TCP socket can be paused), frames queued in arrival order and checked against the AsyncAPI
 * schemas, client frames POSTed to the stream's session.
 */
export class TestEventStream {
  readonly frames: Frame[] = [];
  readonly pings: string[] = [];
  session: string | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;
  private closeInfo: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];
  private nextId = 1;
  private res: http.IncomingMessage | null = null;

  private constructor(
    readonly httpUrl: string,
    private readonly options: StreamOptions,
    private readonly req: http.ClientRequest,
    opened: (stream: TestEventStream) => void,
  ) {
    let resolveClosed: (c: { code: number; reason: string }) => void = () => {};
    this.closed = new Promise((resolve) => (resolveClosed = resolve));
    req.on("response", (res) => {
      this.res = res;
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          this.onEvent(buffer.slice(0, end), opened);
          buffer = buffer.slice(end + 2);
        }
      });
      res.on("close", () => {
        this.closeInfo ??= { code: 1006, reason: "" };
        resolveClosed(this.closeInfo);
        opened(this);
        this.wake();
      });
    });
    req.on("error", () => {
      this.closeInfo ??= { code: 1006, reason: "" };
      resolveClosed(this.closeInfo);
      opened(this);
    });
  }

  static open(
    httpUrl: string,
    options: StreamOptions = {},
  ): Promise<TestEventStream> {
    const query = options.token
      ? `?token=${encodeURIComponent(options.token)}`
      : "";
    const req = http.get(`${httpUrl}/api/v1/sse${query}`, {
      headers: { accept: "text/event-stream", ...headersOf(options) },
    });
    return new Promise((resolve) => {
      new TestEventStream(httpUrl, options, req, resolve);
    });
  }

  get status(): number | undefined {
    return this.res?.statusCode;
  }

  get headers(): http.IncomingHttpHeaders {
    return this.res?.headers ?? {};
  }

  get isOpen(): boolean {
    return this.session !== null && this.closeInfo === null;
  }

  /** POST one envelope or an array of them (or any raw body) to this stream's session. */
  post(
    body: unknown,
    options: {
      session?: string;
      raw?: string;
      contentType?: string;
      as?: StreamOptions;
    } = {},
  ): Promise<PostAnswer> {
    const session = options.session ?? this.session ?? "none";
    const who = options.as ?? this.options;
    const query = who.token ? `?token=${encodeURIComponent(who.token)}` : "";
    return postJson(
      `${this.httpUrl}/api/v1/sse/${session}${query}`,
      options.raw ?? JSON.stringify(body),
      {
        "content-type": options.contentType ?? "application/json",
        ...headersOf(who),
      },
    );
  }

  pong(data: string, session = this.session ?? "none"): Promise<PostAnswer> {
    const query = this.options.token
      ? `?token=${encodeURIComponent(this.options.token)}`
      : "";
    return postJson(
      `${this.httpUrl}/api/v1/sse/${session}/pong${query}`,
      JSON.stringify({ data }),
      {
        "content-type": "application/json",
        ...headersOf(this.options),
      },
    );
  }

  /** Stop reading at the TCP level: nothing more is consumed, as with a stalled peer. */
  pauseReading(): void {
    this.res?.socket.pause();
  }

  resumeReading(): void {
    this.res?.socket.resume();
  }

  async next(
    match: (f: Frame) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as Frame;
      if (this.closeInfo !== null)
        throw new Error("stream closed while waiting for a frame");
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

  async subscribe(route: string, params: object): Promise<Frame> {
    const id = this.nextId++;
    await this.post({ type: `${route}.subscribe`, id, payload: params });
    return this.next(
      (f) => f.type === `${route}.subscribe.response` && f.id === id,
    );
  }

  async unsubscribe(route: string, params: object): Promise<Frame> {
    const id = this.nextId++;
    await this.post({ type: `${route}.unsubscribe`, id, payload: params });
    return this.next(
      (f) => f.type === `${route}.unsubscribe.response` && f.id === id,
    );
  }

  close(): void {
    this.req.destroy();
  }

  private onEvent(block: string, opened: (s: TestEventStream) => void): void {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) return;
    const text = data.join("\n");
    if (event === "open") {
      this.session = (JSON.parse(text) as { session: string }).session;
      opened(this);
    } else if (event === "ping") {
      this.pings.push(text);
      if (this.options.autoPong !== false) void this.pong(text);
    } else if (event === "close") {
      this.closeInfo = JSON.parse(text) as { code: number; reason: string };
    } else {
      checkServerFrame(text);
      this.frames.push(JSON.parse(text) as Frame);
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function headersOf(options: StreamOptions): Record<string, string> {
  return {
    ...options.headers,
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
  };
}

/** Every answer is held to specs/openapi.yaml, as the other HTTP helpers' are. */
async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<PostAnswer> {
  const res = await specFetch(url, { method: "POST", body, headers });
  return {
    status: res.status,
    body:
      res.text === ""
        ? null
        : (JSON.parse(res.text) as Record<string, unknown>),
  };
}
