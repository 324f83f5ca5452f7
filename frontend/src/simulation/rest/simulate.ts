import type {
  ErrorBody_Api_Backend,
  OrderRejection_Api_Backend,
} from "../../clients/api-types-generated";
import { SimulatedError } from "../simulatedError";
import { toApiError } from "../../transport/rest/apiError";

/**
 * Runs a call on the simulated server as if it were a request: asynchronous, and a refusal comes
 * back as the body the server would send, read by the same `toApiError` as real answers.
 */
export async function simulate<T>(action: () => T): Promise<T> {
  await Promise.resolve();
  try {
    return action();
  } catch (error) {
    if (!(error instanceof SimulatedError)) throw error;
    const body: ErrorBody_Api_Backend = {
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
    };
    const rejection: OrderRejection_Api_Backend | undefined = error.order && {
      error: body,
      order: error.order,
    };
    throw toApiError(error.status, rejection ?? body);
  }
}
