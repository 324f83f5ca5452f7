/** Which transports the browser simulates instead of calling the server. */
export type FallbackMode = "off" | "all" | "broker";

export interface TerminalConfig {
  readonly fallback: FallbackMode;
  /** Origin of the REST API: the page's own (the backend serves the build; Vite proxies in dev). */
  readonly origin: string;
  /** `ws(s)://<host>/api/v1/ws`; the session cookie authenticates it. */
  readonly socketUrl: string;
}

function parseMode(value: string | null | undefined): FallbackMode | undefined {
  switch (value?.trim().toLowerCase()) {
    case "1":
    case "true":
    case "all":
      return "all";
    case "broker":
      return "broker";
    case "0":
    case "false":
    case "off":
      return "off";
    default:
      return undefined;
  }
}

/**
 * `?fallback=1|all|broker|0` on the page URL wins over `VITE_WS_FALLBACK` at build time, so one
 * build can be opened against the backend or offline.
 */
export function fallbackMode(
  envValue: string | undefined,
  search: string,
): FallbackMode {
  const query = new URLSearchParams(search);
  return parseMode(query.get("fallback")) ?? parseMode(envValue) ?? "off";
}

export function browserConfig(location: Location): TerminalConfig {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return {
    fallback: fallbackMode(import.meta.env.VITE_WS_FALLBACK, location.search),
    origin: location.origin,
    socketUrl: `${scheme}//${location.host}/api/v1/ws`,
  };
}
