import { CloseCode } from "../generated/models.js";
import { backoffDelay } from "./backoff.js";
import type { Endpoints } from "./endpoints.js";
import type { ResolvedOptions } from "./options.js";

/** The next dial after a lost socket: its retry number and how long it waits. */
export interface ScheduledDial {
  readonly attempt: number;
  readonly delayMs: number;
}

/**
 * When and where the next dial goes. Failed attempts since the last healthy connection drive the
 * capped backoff with jitter; the endpoints pick the URL and may let the first move after a 1012
 * skip the wait. One dial is pending at most.
 */
export class Redial {
  private failures = 0;
  private timer: unknown;

  constructor(
    private readonly options: Pick<
      ResolvedOptions,
      "reconnect" | "random" | "timers"
    >,
    private readonly endpoints: Endpoints,
  ) {}

  /** 0 for a first dial, n for the n-th retry since the last healthy connection. */
  get attempt(): number {
    return this.failures;
  }

  /** A fresh start (connect()) or a connection proven healthy: the next failure backs off from the start. */
  healthy(): void {
    this.failures = 0;
    this.endpoints.healthy();
  }

  /** A socket was lost (`opened`: after it opened); `dial` runs when the wait is over. */
  schedule(
    code: number | undefined,
    opened: boolean,
    dial: () => void,
  ): ScheduledDial {
    this.cancel();
    const next = this.endpoints.afterLoss(code, opened);
    // A deliberate restart says nothing about the server's health: back off from the start.
    if (code === CloseCode.ServiceRestart) this.failures = 0;
    this.failures += 1;
    const { reconnect, random, timers } = this.options;
    const delayMs = next.immediate
      ? 0
      : backoffDelay(this.failures, reconnect, random);
    this.timer = timers.setTimeout(() => {
      this.timer = undefined;
      dial();
    }, delayMs);
    return { attempt: this.failures, delayMs };
  }

  cancel(): void {
    if (this.timer === undefined) return;
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
