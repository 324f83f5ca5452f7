import type { ChildProcess } from "node:child_process";

/** A request sent over a child's IPC channel; the child answers with the same `id`. */
export interface Envelope<T> {
  readonly id: number;
  readonly body: T;
}

export interface ReplyEnvelope<T> {
  readonly id: number;
  readonly ok: boolean;
  readonly body?: T;
  readonly error?: string;
}

/** The parent's side of a child process: typed request/reply over IPC. */
export class IpcPeer<Req, Res> {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: Res) => void; reject: (e: Error) => void }
  >();
  private exited: Error | null = null;
  /** Settles when the child has called `serveIpc` (its reply 0), or fails if it exits first. */
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let readyNow: () => void = () => undefined;
    let failed: (e: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      readyNow = resolve;
      failed = reject;
    });
    // Nobody may be waiting yet when a child dies at start; the error stays available.
    this.ready.catch(() => undefined);
    child.on("message", (raw: ReplyEnvelope<Res>) => {
      if (raw.id === 0) {
        readyNow();
        return;
      }
      const w = this.waiting.get(raw.id);
      if (!w) return;
      this.waiting.delete(raw.id);
      if (raw.ok) w.resolve(raw.body as Res);
      else w.reject(new Error(raw.error ?? "child failed"));
    });
    child.on("exit", (code, signal) => {
      this.exited = new Error(`child exited (code ${code}, signal ${signal})`);
      failed(this.exited);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  request(body: Req): Promise<Res> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<Res>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, body } satisfies Envelope<Req>);
    });
  }
}

/** The child's side: answer each request with the handler's result (or its error). */
export function serveIpc<Req, Res>(
  handle: (req: Req) => Promise<Res> | Res,
): void {
  if (!process.send)
    throw new Error("this script runs as a child with an IPC channel");
  process.on("message", (raw: Envelope<Req>) => {
    Promise.resolve()
      .then(() => handle(raw.body))
      .then(
        (body) =>
          process.send?.({
            id: raw.id,
            ok: true,
            body,
          } satisfies ReplyEnvelope<Res>),
        (err: unknown) =>
          process.send?.({
            id: raw.id,
            ok: false,
            error:
              err instanceof Error ? (err.stack ?? err.message) : String(err),
          } satisfies ReplyEnvelope<Res>),
      );
  });
  process.send({ id: 0, ok: true } satisfies ReplyEnvelope<Res>);
  // The parent going away must not leave a pinned server or thousands of sockets behind.
  process.on("disconnect", () => process.exit(0));
}
