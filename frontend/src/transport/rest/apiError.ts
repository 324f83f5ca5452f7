import type {
  ErrorBody_Api_Backend,
  OrderRejection_Api_Backend,
  Order_Api_Backend,
  UdfError_Api_Backend,
} from "../../clients/api-types-generated";
import {
  fromErrorBody,
  fromUdfError,
  type ApiErrorCode,
  type ApiFailure,
} from "../../model/apiError";

/** A failed REST call: the server's code and message, and the rejected order of a 422. */
export class ApiError extends Error implements ApiFailure {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field?: string;

  constructor(
    failure: ApiFailure,
    /** The order a broker rejection recorded, in its wire shape. */
    readonly order?: Order_Api_Backend,
  ) {
    super(failure.message);
    this.status = failure.status;
    this.code = failure.code;
    if (failure.field !== undefined) this.field = failure.field;
  }

  get failure(): ApiFailure {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null;

function isErrorBody(v: unknown): v is ErrorBody_Api_Backend {
  return (
    isObject(v) && typeof v.code === "string" && typeof v.message === "string"
  );
}

function isRejection(v: unknown): v is OrderRejection_Api_Backend {
  return isObject(v) && isErrorBody(v.error) && isObject(v.order);
}

function isUdfError(v: unknown): v is UdfError_Api_Backend {
  return (
    isObject(v) &&
    v.s === "error" &&
    typeof v.errmsg === "string" &&
    typeof v.code === "string"
  );
}

/** Reads any error body the API sends: ErrorBody, OrderRejection (422) or UDF's `{s: "error"}`. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRejection(body))
    return new ApiError(fromErrorBody(status, body.error), body.order);
  if (isUdfError(body)) return new ApiError(fromUdfError(status, body));
  if (isErrorBody(body)) return new ApiError(fromErrorBody(status, body));
  const message =
    typeof body === "string" && body !== "" ? body : `HTTP ${status}`;
  return new ApiError({ status, code: "UNEXPECTED_RESPONSE", message });
}

export function networkError(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ status: 0, code: "NETWORK_ERROR", message });
}
