/**
 * The ids (`jti`) of revoked tokens that have not expired yet, checked on every verification
 * (REST and the WebSocket upgrade) without a database round trip. The auth module fills it from
 * the database at start and from logouts on any instance; expired entries are dropped.
 */
export class TokenDenyList {
  /** token id -> epoch ms at which the token expires anyway. */
  private readonly entries = new Map<string, number>();

  add(tokenId: string, expiresAt: number): void {
    const known = this.entries.get(tokenId);
    this.entries.set(tokenId, Math.max(known ?? 0, expiresAt));
  }

  has(tokenId: string): boolean {
    return this.entries.has(tokenId);
  }

  /** Forget tokens that have expired by `now`: they are refused as expired anyway. */
  prune(now: number): number {
    let removed = 0;
    for (const [id, expiresAt] of this.entries) {
      if (expiresAt <= now) {
        this.entries.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  get size(): number {
    return this.entries.size;
  }
}
