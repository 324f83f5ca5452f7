import { CloseCode } from "@tradewire/client";
import type { ConnectionAuth } from "../../auth/identity";
import type { ConnectionCaps } from "./connection-caps";

/** The result of checking a connection's token before the socket is accepted. */
export type ConnectionCredentials =
  | { kind: "anonymous" }
  | { kind: "authenticated"; auth: ConnectionAuth }
  | { kind: "invalid" };

export type SocketAdmission =
  | { readonly ok: true; readonly auth: ConnectionAuth | null }
  | { readonly ok: false; readonly code: number; readonly reason: string };

/**
 * Whether a new socket may open: not while the server shuts down, not with a bad token, and only
 * within the connection caps (which count it in when it is admitted).
 */
export function admitSocket(
  caps: ConnectionCaps,
  state: { readonly closing: boolean; readonly open: number },
  credentials: ConnectionCredentials,
  address: string,
): SocketAdmission {
  if (state.closing)
    return {
      ok: false,
      code: CloseCode.ServiceRestart,
      reason: "server is shutting down",
    };
  if (credentials.kind === "invalid")
    return {
      ok: false,
      code: CloseCode.TokenInvalid,
      reason: "invalid or expired token",
    };
  const auth = credentials.kind === "authenticated" ? credentials.auth : null;
  const admission = caps.admit(state.open, auth, address);
  return admission.ok ? { ok: true, auth } : admission;
}
