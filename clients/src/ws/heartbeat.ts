import type { Timers } from "./options.js";

export interface HeartbeatOptions {
  /** Pause between an answered ping and the next one; 0 or less turns the heartbeat off. */
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly timers: Timers;
  readonly now: () => number;
  /** Sends `ping` with `{t}` and returns the frame's id; undefined when no socket is open. */
  readonly sendPing: (t: number) => number | undefined;
  readonly onLatency: (latencyMs: number) => void;
  /** No answer within the timeout: the socket is dead even if it has not said so. */
  readonly onDead: () => void;
}

/**
 * App-level ping/pong on one socket. One ping is in flight at a time, so a slow answer delays the
 * next ping instead of piling them up; a socket that silently stopped delivering (a sleeping
 * laptop, a dropped NAT mapping) is noticed within `timeoutMs` instead of the TCP timeout.
 */
export class Heartbeat {
  private timer: unknown;
  private outstanding: number | undefined;

  constructor(private readonly options: HeartbeatOptions) {}

  get enabled(): boolean {
    return this.options.intervalMs > 0;
  }

  /** Pings at once, so that latency is known as soon as the socket opens. */
  start(): void {
    this.stop();
    if (this.enabled) this.ping();
  }

  stop(): void {
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.outstanding = undefined;
  }

  /** A pong; false when it answers no ping in flight. */
  pong(id: string | number | undefined, t: number): boolean {
    if (!this.answers(id)) return false;
    this.options.onLatency(Math.max(0, this.options.now() - t));
    this.scheduleNext();
    return true;
  }

  /** An `error` frame that answers the ping (say RATE_LIMITED): the peer is alive all the same. */
  acknowledge(id: string | number | undefined): boolean {
    if (id === undefined || !this.answers(id)) return false;
    this.scheduleNext();
    return true;
  }

  private answers(id: string | number | undefined): boolean {
    return (
      this.outstanding !== undefined &&
      (id === undefined || id === this.outstanding)
    );
  }

  private ping(): void {
    const { timers, timeoutMs } = this.options;
    this.outstanding = this.options.sendPing(this.options.now());
    if (this.outstanding === undefined) return;
    this.timer = timers.setTimeout(() => {
      this.timer = undefined;
      this.outstanding = undefined;
      this.options.onDead();
    }, timeoutMs);
  }

  private scheduleNext(): void {
    this.stop();
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      this.ping();
    }, this.options.intervalMs);
  }
}
