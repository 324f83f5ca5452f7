/** What the in-browser simulation stands in for: nothing, everything, or sign-in and the broker. */
export type SimulationMode = "off" | "all" | "broker";

export interface TerminalConfig {
  readonly simulation: SimulationMode;
  /** Origin of the REST API: the page's own (the backend serves the build; Vite proxies in dev). */
  readonly origin: string;
  /**
   * Socket URLs the client fails over between, in order: `VITE_WS_URLS`, else the page's own
   * `ws(s)://<host>/api/v1/ws`. The session cookie authenticates them, so each must be a host the
   * cookie goes to.
   */
  readonly socketUrls: readonly string[];
}

function parseMode(
  value: string | null | undefined,
): SimulationMode | undefined {
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
 * `?simulation=1|all|broker|0` on the page URL wins over `VITE_SIMULATION` at build time, so one
 * build can be opened against the backend or offline. `?fallback=` and `VITE_WS_FALLBACK` are the
 * switch's earlier names, still read for links and builds made before the rename.
 */
export function simulationMode(
  env: {
    readonly simulation?: string | undefined;
    readonly fallback?: string | undefined;
  },
  search: string,
): SimulationMode {
  const query = new URLSearchParams(search);
  return (
    parseMode(query.get("simulation")) ??
    parseMode(query.get("fallback")) ??
    parseMode(env.simulation) ??
    parseMode(env.fallback) ??
    "off"
  );
}

/**
 * `VITE_WS_URLS` (comma-separated `ws://` or `wss://` URLs, e.g. one per instance) or, when it is
 * unset or blank, the page's own socket URL. A URL of another scheme is a build mistake: it stops
 * the terminal with a message naming it rather than failing every dial in silence.
 */
export function socketUrls(
  configured: string | undefined,
  location: Pick<Location, "protocol" | "host">,
): readonly string[] {
  const listed = (configured ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
  for (const url of listed) {
    if (!/^wss?:\/\/[^/]/.test(url))
      throw new TypeError(
        `VITE_WS_URLS: "${url}" is not a ws:// or wss:// URL`,
      );
  }
  if (listed.length > 0) return listed;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return [`${scheme}//${location.host}/api/v1/ws`];
}

export function browserConfig(location: Location): TerminalConfig {
  const { VITE_SIMULATION, VITE_WS_FALLBACK, VITE_WS_URLS } = import.meta.env;
  return {
    simulation: simulationMode(
      { simulation: VITE_SIMULATION, fallback: VITE_WS_FALLBACK },
      location.search,
    ),
    origin: location.origin,
    socketUrls: socketUrls(VITE_WS_URLS, location),
  };
}
