import type {
  ErrorBody_Api_Backend,
  ErrorCode_Api_Backend,
  UdfError_Api_Backend,
} from "../clients/api-types-generated";
import { optional } from "./optional";

/** Codes the server sends, plus the two the terminal adds for failures that never got an answer. */
export type ApiErrorCode =
  ErrorCode_Api_Backend | "NETWORK_ERROR" | "UNEXPECTED_RESPONSE";

/** A failed request, whatever shape the server answered it in. */
export interface ApiFailure {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly message: string;
  /** The request field the error is about, as a property name of the request body. */
  readonly field?: string;
  /** The server's id of the failed request, to quote when reporting it (see README). */
  readonly requestId?: string;
}

export function fromErrorBody(
  status: number,
  wire: ErrorBody_Api_Backend,
): ApiFailure {
  return {
    status,
    code: wire.code,
    message: wire.message,
    // `requestType` names a WebSocket frame type: it never applies to a REST answer.
    ...optional("field", normalizeField(wire.field)),
    ...optional("requestId", wire.requestId),
  };
}

export function fromUdfError(
  status: number,
  wire: UdfError_Api_Backend,
): ApiFailure {
  // `s` is always "error" here.
  return {
    status,
    code: wire.code,
    message: wire.errmsg,
    ...optional("requestId", wire.requestId),
  };
}

/**
 * The spec does not pin how `field` spells a property; accept `qty`, `/qty`, `body.qty` and
 * `body/qty` alike so the ticket can put the message beside its input.
 */
export function normalizeField(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const trimmed = field.replace(/^\/+/, "").replace(/^body[./]/, "");
  return trimmed === "" ? undefined : trimmed;
}
