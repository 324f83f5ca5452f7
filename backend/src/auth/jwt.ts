import { randomUUID } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import type { Clock } from "../clock";
import type { ConnectionAuth } from "./identity";
import { TokenDenyList } from "./deny-list";

export const TOKEN_ISSUER = "tradewire";
const ALGORITHM = "HS256";

export interface TokenClaims {
  readonly userId: string;
  readonly accountId: string;
}

const REASONS = {
  expired: "the token has expired",
  revoked: "the token has been revoked",
  invalid: "the token is not valid",
} as const;

export class InvalidTokenError extends Error {
  constructor(readonly reason: keyof typeof REASONS) {
    super(REASONS[reason]);
    this.name = "InvalidTokenError";
  }
}

/**
 * Issues and verifies the HS256 JWTs that carry a user and the account they act on. A token whose
 * id is on `denyList` (logged out) fails verification, on REST and on the socket alike.
 */
export class JwtAuth {
  private readonly key: Uint8Array;
  readonly denyList = new TokenDenyList();

  constructor(
    secret: string,
    private readonly clock: Clock,
    readonly ttlSeconds = 12 * 3600,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(
    claims: TokenClaims,
    ttlSeconds = this.ttlSeconds,
  ): Promise<{ token: string; expiresAt: number }> {
    const now = Math.floor(this.clock.now() / 1000);
    const exp = now + ttlSeconds;
    const token = await new SignJWT({ acc: claims.accountId })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.userId)
      .setIssuer(TOKEN_ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: exp * 1000 };
  }

  async verify(token: string): Promise<ConnectionAuth> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        currentDate: new Date(this.clock.now()),
      });
      if (
        typeof payload.sub !== "string" ||
        typeof payload.acc !== "string" ||
        typeof payload.jti !== "string" ||
        typeof payload.exp !== "number"
      ) {
        throw new InvalidTokenError("invalid");
      }
      if (this.denyList.has(payload.jti))
        throw new InvalidTokenError("revoked");
      return {
        userId: payload.sub,
        accountId: payload.acc,
        tokenId: payload.jti,
        expiresAt: payload.exp * 1000,
      };
    } catch (err) {
      if (err instanceof InvalidTokenError) throw err;
      throw new InvalidTokenError(
        err instanceof joseErrors.JWTExpired ? "expired" : "invalid",
      );
    }
  }
}
