/** Who a request or a socket belongs to, from its token; null where the caller is anonymous. */
export interface ConnectionAuth {
  readonly userId: string;
  readonly accountId: string;
  /** The token's `jti`: what logout revokes. */
  readonly tokenId: string;
  /** Epoch milliseconds at which the token stops being valid. */
  readonly expiresAt: number;
}
