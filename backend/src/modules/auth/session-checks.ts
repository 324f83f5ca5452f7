import type { SessionGuard } from "../../auth/sessions";
import type { Clock } from "../../clock";
import type { ConnectionAuth } from "../../auth/identity";
import type { RevokedTokens } from "./revoked-tokens";
import type { UserStore } from "./user-store";

/** How long one answer about a user's account is reused across that account's sockets. */
const MEMO_MS = 1000;

/**
 * The auth module's SessionGuard: an open socket's session holds while its token is not revoked
 * and its user still has the account the token acts on (an account belongs to a user that exists:
 * the accounts table references users). One answer per user and account serves every socket of
 * that account during one sweep.
 */
export class SessionChecks implements SessionGuard {
  private readonly memo = new Map<string, { at: number; owned: boolean }>();

  constructor(
    private readonly users: UserStore,
    private readonly revoked: RevokedTokens,
    private readonly clock: Clock,
  ) {}

  async isActive(auth: ConnectionAuth): Promise<boolean> {
    if (this.revoked.isRevoked(auth.tokenId)) return false;
    const key = `${auth.userId}\u0000${auth.accountId}`;
    const now = this.clock.now();
    const known = this.memo.get(key);
    if (known && now - known.at < MEMO_MS) return known.owned;
    const owned = await this.users.ownsAccount(auth.userId, auth.accountId);
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(key, { at: now, owned });
    return owned;
  }
}
