import type { TokenDenyList } from "../../auth/deny-list";
import type { Clock } from "../../clock";
import type { Database } from "../../db/database";
import type { ConnectionAuth } from "../../auth/identity";

/**
 * Logout's deny-list, persisted: a revoked token's id is stored until the token would have
 * expired, loaded into the verifier's in-memory list at start, and pruned once expired.
 */
export class RevokedTokens {
  constructor(
    private readonly database: Database,
    private readonly denyList: TokenDenyList,
    private readonly clock: Clock,
  ) {}

  /** Drop expired rows, then load the rest; returns how many are in force. */
  async load(): Promise<number> {
    await this.prune();
    const rows = await this.database.db
      .selectFrom("revoked_tokens")
      .select(["token_id", "expires_at"])
      .execute();
    for (const row of rows) this.denyList.add(row.token_id, row.expires_at);
    return rows.length;
  }

  /** Stored before it is applied, so an answered logout survives a crash or a restart. */
  async revoke(session: ConnectionAuth): Promise<void> {
    const now = this.clock.now();
    await this.database.db
      .insertInto("revoked_tokens")
      .values({
        token_id: session.tokenId,
        user_id: session.userId,
        expires_at: session.expiresAt,
        revoked_at: now,
      })
      .onConflict((oc) => oc.column("token_id").doNothing())
      .execute();
    this.denyList.add(session.tokenId, session.expiresAt);
    await this.prune();
  }

  /** Another instance revoked a token: refuse it here too (its row is in the shared database). */
  revokedElsewhere(tokenId: string, expiresAt: number): void {
    this.denyList.add(tokenId, expiresAt);
  }

  isRevoked(tokenId: string): boolean {
    return this.denyList.has(tokenId);
  }

  private async prune(): Promise<void> {
    const now = this.clock.now();
    this.denyList.prune(now);
    await this.database.db
      .deleteFrom("revoked_tokens")
      .where("expires_at", "<=", now)
      .execute();
  }
}
