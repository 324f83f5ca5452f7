import type { ChannelMap, Route } from "../generated/channels.js";
import type { ActionResponse, ErrorBody } from "../generated/models.js";
import type { Timers } from "./options.js";

/** The actions a route takes (`x-tradewire.actions`), e.g. `"cancel"` on `jobs`. */
export type ActionName<R extends Route> = keyof ChannelMap[R]["actions"] &
  string;

/** The request payload of one action of a route. */
export type ActionRequest<
  R extends Route,
  A extends ActionName<R>,
> = ChannelMap[R]["actions"][A] extends { request: infer Q } ? Q : never;

interface Waiter {
  resolve(response: ActionResponse): void;
  timer: unknown;
}

/**
 * Channel actions in flight, by request id: each resolves with its `<route>.<action>.response`,
 * or with an error answer (no `code`) when the socket was lost or no answer came in time, or with
 * the server's code when it refused the frame (an `error` echoing the id). Never rejects.
 */
export class PendingActions {
  private readonly byId = new Map<number, Waiter>();

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
  ) {}

  wait(id: number): Promise<ActionResponse> {
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(
        () =>
          this.settle(id, {
            status: "error",
            message: `no answer within ${this.timeoutMs} ms`,
          }),
        this.timeoutMs,
      );
      this.byId.set(id, { resolve, timer });
    });
  }

  /** An answer or an `error` frame; false when it answers no pending action. */
  answer(id: string | number | undefined, response: ActionResponse): boolean {
    if (typeof id !== "number" || !this.byId.has(id)) return false;
    this.settle(id, response);
    return true;
  }

  refused(id: string | number | undefined, error: ErrorBody): boolean {
    return this.answer(id, {
      status: "error",
      code: error.code,
      message: error.message,
    });
  }

  /** The socket is gone: what is in flight will not be answered. */
  clear(): void {
    for (const id of [...this.byId.keys()])
      this.settle(id, {
        status: "error",
        message: "the connection closed before the answer",
      });
  }

  private settle(id: number, response: ActionResponse): void {
    const waiter = this.byId.get(id);
    if (!waiter) return;
    this.byId.delete(id);
    this.timers.clearTimeout(waiter.timer);
    waiter.resolve(response);
  }
}
