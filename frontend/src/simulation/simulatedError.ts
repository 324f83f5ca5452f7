import type { ErrorCode } from "@tradewire/client";
import type { Order_Api_Backend } from "../clients/api-types-generated";

/** A refusal by the simulated server, with the code the real server would answer. */
export class SimulatedError extends Error {
  override readonly name = "SimulatedError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** HTTP status the REST simulation answers with. */
    readonly status = 400,
    readonly field?: string,
    /** The recorded order of a broker rejection (a 422 answer carries it). */
    readonly order?: Order_Api_Backend,
  ) {
    super(message);
  }
}
