import type { Clock } from "../../clock";
import type { WsLimits } from "../config";

/** Inbound rate limit of one socket: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  /** A socket's bucket: WS_RATE_BURST tokens, refilled at WS_RATE_PER_SECOND. */
  static forLimits(
    limits: Pick<WsLimits, "messagesPerSecond" | "messageBurst">,
    clock: Clock,
  ): TokenBucket {
    return new TokenBucket(
      limits.messagesPerSecond,
      limits.messageBurst,
      clock,
    );
  }

  take(): boolean {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(
        this.burst,
        this.tokens + ((now - this.last) * this.perSecond) / 1000,
      );
      this.last = now;
    }
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
