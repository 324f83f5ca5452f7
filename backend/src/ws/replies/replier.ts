import type { ErrorCode } from "@tradewire/client";
import {
  actionReply,
  type ActionOutcome,
  errorReply,
  pongReply,
  subscriptionReply,
  type RequestId,
} from "./replies";

/** The socket a reply is addressed to: its outbound path, within its budget. */
export interface ReplyTarget {
  send(text: string): void;
  /** The id of the upgrade request that opened the socket, which its errors carry. */
  readonly requestId?: string;
}

/** Where error replies are counted (tradewire_ws_errors_total). */
export interface ErrorCount {
  inc(labels: { code: ErrorCode }): void;
}

/**
 * Sends the replies built in replies.ts and counts every error it sends by its code, so no caller
 * can send an error the metrics miss.
 */
export class Replier {
  /** `instance`: this server's instance id, told in every pong so clients know where they landed. */
  constructor(
    private readonly errors: ErrorCount,
    private readonly instance?: string,
  ) {}

  /** A subscribe or unsubscribe answer: ok without `code`, an error with it. */
  subscription(
    to: ReplyTarget,
    type: string,
    id: RequestId,
    topic: string,
    code?: ErrorCode,
    message?: string,
  ): void {
    to.send(subscriptionReply(type, id, topic, code, message, to.requestId));
    if (code !== undefined) this.errors.inc({ code });
  }

  /** A channel action's answer: ok, or an error with its code. */
  action(
    to: ReplyTarget,
    type: string,
    id: RequestId,
    outcome: ActionOutcome,
  ): void {
    to.send(actionReply(type, id, outcome));
    if (outcome.status === "error") this.errors.inc({ code: outcome.code });
  }

  error(
    to: ReplyTarget,
    code: ErrorCode,
    message: string,
    requestType?: string,
    id?: RequestId,
  ): void {
    this.errors.inc({ code });
    to.send(errorReply(code, message, requestType, id, to.requestId));
  }

  pong(to: ReplyTarget, t: number, serverTime: number, id?: RequestId): void {
    to.send(pongReply(t, serverTime, id, this.instance));
  }
}
