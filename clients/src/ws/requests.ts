import type { Timers } from "./options.js";

export interface PendingRequest<T> {
  readonly kind: "subscribe" | "unsubscribe";
  readonly target: T;
}

/**
 * Requests in flight on the current socket, by id, so that answers (and `error` frames echoing
 * the id) find what they answer. Requests refused as RATE_LIMITED are sent again together after
 * `retryMs`, which spreads out a burst such as resubscribing everything after a reconnect.
 */
export class PendingRequests<T> {
  private readonly byId = new Map<number, PendingRequest<T>>();
  private retries: PendingRequest<T>[] = [];
  private retryTimer: unknown;

  constructor(
    private readonly timers: Timers,
    private readonly retryMs: number,
    private readonly resend: (request: PendingRequest<T>) => void,
  ) {}

  add(id: number, kind: PendingRequest<T>["kind"], target: T): void {
    this.byId.set(id, { kind, target });
  }

  peek(id: string | number | undefined): PendingRequest<T> | undefined {
    return typeof id === "number" ? this.byId.get(id) : undefined;
  }

  /** Removes and returns the request, when it is of the expected kind. */
  take(
    id: string | number | undefined,
    kind: PendingRequest<T>["kind"],
  ): T | undefined {
    const request = this.peek(id);
    if (request?.kind !== kind) return undefined;
    this.byId.delete(id as number);
    return request.target;
  }

  delete(id: number): void {
    this.byId.delete(id);
  }

  retryLater(request: PendingRequest<T>): void {
    this.retries.push(request);
    if (this.retryTimer !== undefined) return;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      const due = this.retries;
      this.retries = [];
      for (const request of due) this.resend(request);
    }, this.retryMs);
  }

  /** The socket is gone: nothing in flight will be answered. */
  clear(): void {
    this.byId.clear();
    this.retries = [];
    if (this.retryTimer !== undefined)
      this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
