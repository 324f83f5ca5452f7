import { isIP } from "node:net";
import type { EnvReader } from "../env";

/** Where and how the server listens; every one is an environment variable. */
export interface HttpConfig {
  /** PORT: 0 picks a free port. */
  readonly port: number;
  /** HOST: the address to listen on. */
  readonly host: string;
  /**
   * ALLOWED_ORIGINS: browser origins, besides the page's own, allowed to open the WebSocket
   * (`https://app.example.com`), normalized to `scheme://host[:port]`.
   */
  readonly allowedOrigins: readonly string[];
  /** HTTP_MAX_BODY_BYTES: the largest request body; a larger one answers 413. */
  readonly maxBodyBytes: number;
  /**
   * TRUST_PROXY: whose X-Forwarded-For to believe for the client address (rate limits, logs):
   * false (the peer is the client), true (any peer), a hop count, or addresses and CIDR ranges.
   */
  readonly trustProxy: boolean | number | string[];
  /**
   * SHUTDOWN_DRAIN_MS: on SIGTERM, how long readiness answers 503 while the server still serves,
   * before it closes its sockets; a load balancer's health check needs that long to take it out.
   */
  readonly shutdownDrainMs: number;
}

/** PORT, HOST, ALLOWED_ORIGINS, HTTP_MAX_BODY_BYTES, TRUST_PROXY and SHUTDOWN_DRAIN_MS. */
export function readHttpConfig(env: EnvReader): HttpConfig {
  return {
    port: env.int("PORT", 8000, 0, 65535),
    host: env.raw("HOST") || "127.0.0.1",
    allowedOrigins: readOrigins(
      "ALLOWED_ORIGINS",
      env.raw("ALLOWED_ORIGINS"),
      env.fail,
    ),
    maxBodyBytes: env.int(
      "HTTP_MAX_BODY_BYTES",
      1_048_576,
      1024,
      64 * 1024 * 1024,
    ),
    trustProxy: readTrustProxy(env.raw("TRUST_PROXY"), env.fail),
    shutdownDrainMs: env.int("SHUTDOWN_DRAIN_MS", 5000, 0, 300_000),
  };
}

/** TRUST_PROXY: unset or `false`, `true`, a hop count, or comma-separated addresses and CIDRs. */
export function readTrustProxy(
  raw: string | undefined,
  fail: EnvReader["fail"],
): boolean | number | string[] {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(",").map((e) => e.trim());
  for (const entry of entries) {
    const [address = "", bits, extra] = entry.split("/");
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      extra !== undefined ||
      (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > maxBits))
    )
      fail(
        "TRUST_PROXY",
        `must be true, false, a hop count, or addresses and CIDR ranges separated by commas; got ${JSON.stringify(entry)}`,
      );
  }
  return entries;
}

/**
 * A comma-separated list of origins, each `http(s)://host[:port]` with nothing after it; returned
 * in the form browsers send in `Origin` (lowercase host, default port left out).
 */
export function readOrigins(
  name: string,
  raw: string | undefined,
  fail: EnvReader["fail"],
): string[] {
  if (raw === undefined || raw.trim() === "") return [];
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      let url: URL;
      try {
        url = new URL(item);
      } catch {
        return fail(name, `has ${JSON.stringify(item)}, not an origin`);
      }
      const bare =
        (url.pathname === "/" || url.pathname === "") &&
        url.search === "" &&
        url.hash === "" &&
        url.username === "";
      if (!["http:", "https:"].includes(url.protocol) || !bare)
        fail(
          name,
          `has ${JSON.stringify(item)}: an origin is http(s)://host[:port], nothing after it`,
        );
      return url.origin;
    });
}
