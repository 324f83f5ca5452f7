import type { FastifyRequest } from "fastify";
import { HttpError } from "../http/error-handlers";
import type { ConnectionAuth } from "./identity";
import { InvalidTokenError, type JwtAuth } from "./jwt";
import { requestToken } from "./request-token";

/** The caller of a REST request, from its token; 401 UNAUTHORIZED without a valid one. */
export async function authenticate(
  req: FastifyRequest,
  auth: JwtAuth,
): Promise<ConnectionAuth> {
  const token = requestToken(req);
  if (token === null)
    throw new HttpError(
      401,
      "UNAUTHORIZED",
      "log in first: no token in the Authorization header or tw_token cookie",
    );
  try {
    return await auth.verify(token);
  } catch (err) {
    const reason = err instanceof InvalidTokenError ? err.reason : "invalid";
    throw new HttpError(
      401,
      "UNAUTHORIZED",
      `${new InvalidTokenError(reason).message}: log in again`,
    );
  }
}
