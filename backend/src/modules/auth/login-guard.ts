import type { FastifyBaseLogger } from "fastify";
import { Counter, type Registry } from "prom-client";
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
  private readonly refused: Counter<"reason">;

  constructor(
    limits: LoginLimits,
    clock: Clock,
    private readonly log: FastifyBaseLogger,
    registry: Registry,
  ) {
    this.throttle = new LoginThrottle(limits, clock);
    this.gate = new HashGate(limits.hashConcurrency, limits.hashQueue);
    this.refused = new Counter({
      name: "tradewire_login_throttled_total",
      help: 'Login attempts refused with 429 before any password check: "address" or "username" locked, or "busy" (LOGIN_HASH_QUEUE full).',
      labelNames: ["reason"],
      registers: [registry],
    });
    // Zero from the start, so a rate over it reads 0 rather than no data before the first lock.
    for (const reason of ["address", "username", "busy"])
      this.refused.inc({ reason }, 0);
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
      this.refused.inc({ reason: by });
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
      this.refused.inc({ reason: "busy" });
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
