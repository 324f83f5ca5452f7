import type { ErrorCode } from "@tradewire/client";

/** A job request the schema accepts but the jobs refuse; REST answers it with its status and code. */
export class JobRejection extends Error {
  constructor(
    readonly status: 400 | 404 | 422 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** With a 503: when to try again (`Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "JobRejection";
  }
}
