import { monoMs } from "./clock";

/** Publish one update on topic `topic` (an index), scheduled for `scheduledMs`. */
export type Publish = (topic: number, scheduledMs: number) => void;

/**
 * Publishes at a fixed rate, round-robin over the topics. Each update carries the time it was
 * scheduled for, not the time it went out, so a server that falls behind shows it as latency
 * (no coordinated omission). When it is more than `maxLagMs` behind, the backlog is skipped and
 * counted: past saturation the server then stays busy at its own pace instead of queueing without
 * bound.
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

  start(updatesPerSecond: number, topics: number): void {
    this.stop();
    this.interval = 1000 / updatesPerSecond;
    this.next = monoMs() + this.interval;
    const tick = (): void => {
      const now = monoMs();
      if (now - this.next > this.maxLagMs) {
        const behind = Math.floor((now - this.next) / this.interval);
        this.skipped += behind;
        this.next += behind * this.interval;
      }
      while (this.next <= now) {
        this.publish(this.topic, this.next);
        this.published += 1;
        this.topic = this.topic + 1 === topics ? 0 : this.topic + 1;
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
