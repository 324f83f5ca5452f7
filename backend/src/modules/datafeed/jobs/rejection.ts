import type { ErrorCode } from "@tradewire/client";

/** A job request the schema accepts but the jobs refuse; REST answers it with its status and code. */
export class JobRejection extends Error {
  constructor(
    readonly status: 400 | 404 | 422,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "JobRejection";
  }
}
