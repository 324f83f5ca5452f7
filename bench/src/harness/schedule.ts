import { monoMs } from "./clock";

/** Publish one update on topic `topic` (an index), scheduled for `scheduledMs`. */
export type Publish = (topic: number, scheduledMs: number) => void;

/**
 * Publishes at a fixed rate, round-robin over the topics. Each update carries the time it was
 * scheduled for, not the time it went out, so a server that falls behind shows it as latency
 * (no coordinated omission). When it is more than `maxLagMs` behind, the backlog is skipped and
 * counted: past saturation the server then stays busy at its own pace instead of queueing without
 * bound.
 *
 * With `tickMs`, updates go out in ticks instead, as a market feed publishes many symbols at once:
 * every `tickMs`, the tick's share of the rate, round-robin, back to back, all scheduled for the
 * tick's time (latency then runs from the start of the tick: the last update of a tick counts
 * the whole tick's fan-out).
 */
export class PublishSchedule {
  published = 0;
  skipped = 0;
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private interval = 0;
  private topic = 0;

  constructor(
    private readonly publish: Publish,
    private readonly maxLagMs = 50,
  ) {}

  start(updatesPerSecond: number, topics: number, tickMs = 0): void {
    this.stop();
    this.interval = tickMs > 0 ? tickMs : 1000 / updatesPerSecond;
    // Updates per timer slot; fractions carry over to the next tick.
    const perSlot = tickMs > 0 ? (updatesPerSecond * tickMs) / 1000 : 1;
    let owed = 0;
    this.next = monoMs() + this.interval;
    const tick = (): void => {
      const now = monoMs();
      if (now - this.next > this.maxLagMs) {
        const behind = Math.floor((now - this.next) / this.interval);
        this.skipped += Math.round(behind * perSlot);
        this.next += behind * this.interval;
      }
      while (this.next <= now) {
        owed += perSlot;
        for (; owed >= 1; owed -= 1) {
          this.publish(this.topic, this.next);
          this.published += 1;
          this.topic = this.topic + 1 === topics ? 0 : this.topic + 1;
        }
        this.next += this.interval;
      }
      this.timer = setTimeout(
        tick,
        Math.max(1, Math.floor(this.next - monoMs())),
      );
    };
    this.timer = setTimeout(tick, Math.max(1, Math.floor(this.interval)));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
