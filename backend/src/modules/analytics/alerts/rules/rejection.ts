import type { ErrorCode } from "@tradewire/client";

/** A rule the schema accepts but the alerts module refuses; REST answers it with its code. */
export class AlertRejection extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AlertRejection";
  }
}
