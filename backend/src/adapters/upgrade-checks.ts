import { isIPv4, isIPv6 } from "node:net";

/**
 * Whether a WebSocket upgrade may proceed given its `Origin` header.
 *
 * Browsers send cookies with a WebSocket handshake whatever page opened it, and the handshake is
 * not subject to CORS: without this check any site (a sibling subdomain, another port of the same
 * host) could open the socket with the user's `tw_token` cookie and read their account. Allowed
 * are the page's own origin, the scheme and `Host` the request was made to, and `allowed`
 * (ALLOWED_ORIGINS). A request without an `Origin` comes from a program, not a browser page
 * (browsers always send one on a WebSocket handshake): it carries only the credentials its author
 * gave it, so there is nothing to hijack and it is let through.
 */
export function originAllowed(
  origin: string | undefined,
  request: { readonly protocol: string; readonly host: string },
  allowed: ReadonlySet<string>,
): boolean {
  if (origin === undefined) return true;
  const claimed = originOf(origin);
  if (claimed === null) return false;
  return (
    allowed.has(claimed) ||
    claimed === originOf(`${request.protocol}://${request.host}`)
  );
}

/** `scheme://host[:port]` as browsers serialize it, or null for `null` and anything unreadable. */
function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:"
      ? url.origin
      : null;
  } catch {
    return null;
  }
}

/**
 * The key the per-address cap on anonymous sockets counts under: the IPv4 address, or the /64 of
 * an IPv6 one (one subscriber line usually holds a whole /64, so counting single IPv6 addresses
 * would cap nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}

function ipv6Groups(ip: string): string[] {
  const [head = "", tail] = ip.toLowerCase().split("::");
  const parse = (part: string): string[] =>
    part === ""
      ? []
      : part
          .split(":")
          .flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]))
          .map((g) => Number.parseInt(g, 16).toString(16));
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  const zeros = Array.from(
    { length: Math.max(0, 8 - first.length - last.length) },
    () => "0",
  );
  return [...first, ...zeros, ...last];
}
