import type { ConnectionAuth } from "./identity";

/**
 * The bus channel on which a session's end is announced (logout, a removed user or account), so
 * every instance closes the sockets that belonged to it with 4001.
 */
export const SESSIONS_CHANNEL = "auth.sessions";

export type SessionEnded =
  | { readonly kind: "token-revoked"; readonly tokenId: string }
  | { readonly kind: "user-removed"; readonly userId: string }
  | { readonly kind: "account-removed"; readonly accountId: string };

/** Whether an open socket's session still holds: its token is not revoked, its user and account exist. */
export interface SessionGuard {
  isActive(auth: ConnectionAuth): Promise<boolean>;
}

/** Whether `auth` belongs to the session `ended` names. */
export function endedBy(ended: SessionEnded, auth: ConnectionAuth): boolean {
  switch (ended.kind) {
    case "token-revoked":
      return auth.tokenId === ended.tokenId;
    case "user-removed":
      return auth.userId === ended.userId;
    case "account-removed":
      return auth.accountId === ended.accountId;
  }
}
