import type { FastifyRequest } from "fastify";

export const TOKEN_COOKIE = "tw_token";

/**
 * The token a REST request carries: `Authorization: Bearer`, then the `tw_token` cookie (what
 * browsers send, HttpOnly so scripts cannot read it). Never the query string: URLs end up in
 * logs, proxies and browser history.
 */
export function requestToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim() || null;
  return readCookie(req.headers.cookie, TOKEN_COOKIE);
}

/**
 * The token a WebSocket upgrade carries: as for REST, then the `token` query parameter, for
 * clients that can set neither a header nor a cookie on a WebSocket (it is redacted from logs).
 */
export function socketToken(req: FastifyRequest): string | null {
  const token = requestToken(req);
  if (token !== null) return token;
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?.token === "string" && query.token !== ""
    ? query.token
    : null;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The URL with a `token` query parameter masked, for logs. */
export function redactToken(url: string): string {
  return url.replace(/([?&]token=)[^&]*/g, "$1[redacted]");
}
