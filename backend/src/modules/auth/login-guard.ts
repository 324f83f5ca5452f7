import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../clock";
import type { LoginLimits } from "./config";
import { HttpError } from "../../http/error-handlers";
import { addressKey } from "./client-address";
import { HashGate, HashGateFull } from "./hash-gate";
import { LoginThrottle } from "./login-throttle";

/**
 * Every login attempt passes here: the rate limits first (no database read, no hash for a locked
 * address or username), then a bounded slot to check the password in. Refusals are 429
 * RATE_LIMITED with `Retry-After` in whole seconds.
 */
export class LoginGuard {
  private readonly throttle: LoginThrottle;
  readonly gate: HashGate;

  constructor(
    limits: LoginLimits,
    clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {
    this.throttle = new LoginThrottle(limits, clock);
    this.gate = new HashGate(limits.hashConcurrency, limits.hashQueue);
  }

  /**
   * Run `checkPassword` (what it finds when the password is right, null when not) under the
   * limits for this address and username.
   */
  async attempt<T>(
    ip: string,
    username: string,
    checkPassword: () => Promise<T | null>,
  ): Promise<T | null> {
    const admitted = this.throttle.admit(addressKey(ip), username);
    if ("lockout" in admitted) {
      const { by, retryAfterMs, started, level } = admitted.lockout;
      const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      if (started)
        this.log.warn(
          { address: addressKey(ip), username, by, seconds, level },
          "login locked",
        );
      throw tooMany(
        by === "address"
          ? `too many login attempts from this address: try again in ${seconds} s`
          : `too many failed logins for this username: try again in ${seconds} s`,
        seconds,
      );
    }
    const { ticket } = admitted;
    let found: T | null;
    try {
      found = await this.gate.run(checkPassword);
    } catch (err) {
      if (!(err instanceof HashGateFull)) throw err;
      this.throttle.notChecked(ticket);
      throw tooMany(
        "the server is checking too many logins at once: try again in 1 s",
        1,
      );
    }
    if (found !== null) this.throttle.succeeded(ticket);
    return found;
  }
}

function tooMany(message: string, retryAfterSeconds: number): HttpError {
  return new HttpError(429, "RATE_LIMITED", message, undefined, {
    "retry-after": String(retryAfterSeconds),
  });
}
