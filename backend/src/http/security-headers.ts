import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * The one inline stylesheet the terminal needs: lightweight-charts (5.2) adds a `<style>` for its
 * TradingView attribution logo, which its licence asks us to show. Allowed by its hash, not by
 * `'unsafe-inline'`; a test holds the hash to the installed library.
 */
export const CHART_ATTRIBUTION_STYLE_HASH =
  "'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY='";

/**
 * The terminal's Content-Security-Policy. Everything it loads comes from its own origin: the
 * built scripts and stylesheets, the icon, and the API and WebSocket (`'self'` covers `ws:` and
 * `wss:` of the same host). The chart draws on canvas and Vue sets styles through the CSSOM, so
 * no inline script, no inline style but the chart's one, no `eval` and no other origin.
 */
export const CONTENT_SECURITY_POLICY: Readonly<
  Record<string, readonly string[]>
> = {
  "default-src": ["'self'"],
  "base-uri": ["'self'"],
  "connect-src": ["'self'"],
  "font-src": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "frame-src": ["'none'"],
  "img-src": ["'self'", "data:"],
  "manifest-src": ["'self'"],
  "object-src": ["'none'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", CHART_ATTRIBUTION_STYLE_HASH],
  "worker-src": ["'self'"],
};

/**
 * Security headers on every response (API, terminal, errors, 404s), with helmet's maintained
 * defaults except: no `upgrade-insecure-requests` (the server also runs on plain http inside a
 * network, where it would break every request), `X-Frame-Options: DENY` to match
 * `frame-ancestors 'none'`, and HSTS without `includeSubDomains` (it would also pin sibling sites
 * of the operator's domain to https); browsers ignore HSTS on plain http.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]]),
      ),
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });
}
