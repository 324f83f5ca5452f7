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

/** What a subscriber is told when `createTopic` (or a replay read) threw `err`. */
export function topicFailure(
  err: unknown,
  topicId: string,
): { code: ErrorCode; message: string; unexpected: boolean } {
  if (err instanceof TopicError)
    return { code: err.code, message: err.message, unexpected: false };
  return {
    code: "TOPIC_UNAVAILABLE",
    message: `${topicId} cannot be served right now`,
    unexpected: true,
  };
}
