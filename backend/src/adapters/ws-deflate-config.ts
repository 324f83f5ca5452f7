import type { EnvReader } from "../env";

/**
 * permessage-deflate (RFC 7692), off by default: see README "Compression". Every server message
 * is compressed on its own (`server_no_context_takeover`), once per update for every socket, so
 * compression costs no memory per socket on the way out.
 */
export interface WsDeflateConfig {
  /** WS_DEFLATE=on|off: accept the extension when a client offers it. */
  readonly enabled: boolean;
  /** WS_DEFLATE_THRESHOLD: messages shorter than this many bytes are sent uncompressed. */
  readonly thresholdBytes: number;
  /** WS_DEFLATE_WINDOW_BITS: the server's LZ77 window (`server_max_window_bits`), 9..15. */
  readonly windowBits: number;
  /** WS_DEFLATE_MEM_LEVEL: zlib's memLevel (1..9) for the compressor, allocated per message. */
  readonly memLevel: number;
  /** WS_DEFLATE_LEVEL: zlib's compression level (1 fastest .. 9 smallest). */
  readonly level: number;
}

export const DEFAULT_WS_DEFLATE: WsDeflateConfig = {
  enabled: false,
  thresholdBytes: 256,
  windowBits: 12,
  memLevel: 8,
  level: 6,
};

/** The WS_DEFLATE* variables. */
export function readWsDeflate(env: EnvReader): WsDeflateConfig {
  const raw = (env.raw("WS_DEFLATE") ?? "").trim().toLowerCase();
  if (raw !== "" && raw !== "on" && raw !== "off")
    env.fail("WS_DEFLATE", `must be on or off, got ${JSON.stringify(raw)}`);
  const d = DEFAULT_WS_DEFLATE;
  return {
    enabled: raw === "on",
    thresholdBytes: env.int(
      "WS_DEFLATE_THRESHOLD",
      d.thresholdBytes,
      0,
      16 * 1024 * 1024,
    ),
    windowBits: env.int("WS_DEFLATE_WINDOW_BITS", d.windowBits, 9, 15),
    memLevel: env.int("WS_DEFLATE_MEM_LEVEL", d.memLevel, 1, 9),
    level: env.int("WS_DEFLATE_LEVEL", d.level, 1, 9),
  };
}
