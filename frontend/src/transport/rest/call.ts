import { networkError, toApiError, type ApiError } from "./apiError";

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The response body of a successful call; an ApiError for an error status or a network failure. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (error) {
    throw networkError(error);
  }
  if (!result.response.ok)
    throw toApiError(result.response.status, result.error);
  return result.data as T;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === "ApiError";
}
