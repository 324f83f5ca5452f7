/** What the in-browser simulation stands in for: nothing, everything, or sign-in and the broker. */
export type SimulationMode = "off" | "all" | "broker";

export interface TerminalConfig {
  readonly simulation: SimulationMode;
  /** Origin of the REST API: the page's own (the backend serves the build; Vite proxies in dev). */
  readonly origin: string;
  /** `ws(s)://<host>/api/v1/ws`; the session cookie authenticates it. */
  readonly socketUrl: string;
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

export function browserConfig(location: Location): TerminalConfig {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const { VITE_SIMULATION, VITE_WS_FALLBACK } = import.meta.env;
  return {
    simulation: simulationMode(
      { simulation: VITE_SIMULATION, fallback: VITE_WS_FALLBACK },
      location.search,
    ),
    origin: location.origin,
    socketUrl: `${scheme}//${location.host}/api/v1/ws`,
  };
}
