import type { FastifyRequest } from "fastify";

export const TOKEN_COOKIE = "tw_token";

/**
 * The token a request carries: `Authorization: Bearer`, then the `tw_token` cookie (what browsers
 * send, HttpOnly so scripts cannot read it), then the `token` query parameter (for clients that
 * can set neither on a WebSocket; it is redacted from logs).
 */
export function requestToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim() || null;
  const cookie = readCookie(req.headers.cookie, TOKEN_COOKIE);
  if (cookie) return cookie;
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
