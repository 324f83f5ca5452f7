import type { ErrorCode } from "@tradewire/client";

/**
 * Thrown by a service's `createTopic` to refuse a topic with a code the client can act on
 * (`UNKNOWN_SYMBOL`, `UNKNOWN_RESOLUTION`...). Anything else thrown becomes `TOPIC_UNAVAILABLE`.
 */
export class TopicError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "TopicError";
  }
}
