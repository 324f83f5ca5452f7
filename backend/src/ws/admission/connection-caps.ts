import { CloseCode } from "@tradewire/client";
import type { WsLimits } from "../config";
import type { ConnectionAuth } from "../../auth/identity";

export type Admission =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: number; readonly reason: string };

/**
 * The connection caps: WS_MAX_CONNECTIONS in total, WS_MAX_CONNECTIONS_PER_ACCOUNT per account,
 * WS_MAX_ANONYMOUS_PER_ADDRESS for sockets without a token per client address. Authenticated
 * sockets are not counted per address: clients behind one NAT or proxy log in.
 */
export class ConnectionCaps {
  private readonly perAccount = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly limits: WsLimits) {}

  /** Count a new socket in, or say which cap it would exceed. */
  admit(open: number, auth: ConnectionAuth | null, address: string): Admission {
    const limits = this.limits;
    if (open >= limits.maxConnections)
      return {
        ok: false,
        code: CloseCode.TryAgainLater,
        reason: "server is at its connection limit",
      };
    if (auth) {
      const count = this.perAccount.get(auth.accountId) ?? 0;
      if (count >= limits.maxConnectionsPerAccount)
        return {
          ok: false,
          code: CloseCode.TooManyConnections,
          reason: `at most ${limits.maxConnectionsPerAccount} connections per account`,
        };
      this.perAccount.set(auth.accountId, count + 1);
      return { ok: true };
    }
    const count = this.perAddress.get(address) ?? 0;
    if (count >= limits.maxAnonymousPerAddress)
      return {
        ok: false,
        code: CloseCode.TooManyConnections,
        reason: `at most ${limits.maxAnonymousPerAddress} connections without a token per address`,
      };
    this.perAddress.set(address, count + 1);
    return { ok: true };
  }

  release(auth: ConnectionAuth | null, address: string): void {
    if (auth) decrement(this.perAccount, auth.accountId);
    else decrement(this.perAddress, address);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
