import type { ErrorCode } from "@tradewire/client";

/**
 * Why the broker refused a request. `recorded` rejections are decisions about a well-formed order
 * (market closed, buying power): the order is stored with status Rejected and the answer is 422.
 * The others are malformed requests (bad price grid, missing price): 400, nothing is stored.
 */
export class BrokerRejection extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly recorded = false,
  ) {
    super(message);
    this.name = "BrokerRejection";
  }
}
