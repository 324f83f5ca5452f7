import type { Bar, IndicatorLines, IndicatorValue } from "@tradewire/client";
import type { BarStream, BarStreamEvent } from "../../../contracts/bar-streams";
import type { Indicator } from "./math";

/**
 * One indicator on one bar stream, shared by every subscriber of its topic: closed bars are pushed
 * once each and the forming bar only peeked, so an event costs O(1) whatever the history.
 */
export class IndicatorTopic {
  /** Values of the last `history` closed bars (bars still warming up have none), oldest first. */
  private closed: IndicatorValue[] = [];
  private forming: IndicatorValue | null = null;
  private stream: BarStream | null = null;
  /** Events that beat `start` (the stream's promise settles a turn later): folded in, not sent. */
  private early: BarStreamEvent[] | null = [];
  private stopped = false;

  constructor(
    private readonly indicator: Indicator,
    private readonly history: number,
    private readonly send: (value: IndicatorValue) => void,
    private readonly onBadBar: (err: unknown, bar: Bar) => void,
  ) {}

  /** Warms on the stream's history; later events go to `onEvent`. */
  start(stream: BarStream): void {
    this.stream = stream;
    for (const bar of stream.history) this.pushClosed(bar);
    this.forming = this.peek(stream.forming);
    const early = this.early ?? [];
    this.early = null;
    for (const event of early) this.apply(event, () => undefined);
  }

  /** Each closed bar's final value, then the forming bar's value if it changed. */
  onEvent(event: BarStreamEvent): void {
    if (this.stopped) return;
    if (this.early) this.early.push(event);
    else this.apply(event, this.send);
  }

  private apply(
    event: BarStreamEvent,
    send: (value: IndicatorValue) => void,
  ): void {
    for (const bar of event.closed) {
      const value = this.pushClosed(bar);
      if (value) send(value);
      if (this.forming && this.forming.time <= bar.time) this.forming = null;
    }
    const next = this.peek(event.forming);
    if (next && !sameValue(this.forming, next)) {
      this.forming = next;
      send(next);
    }
  }

  /** The closed values asked for, then the forming one. */
  snapshot(): IndicatorValue[] {
    const closed = this.closed.slice(-this.history);
    return this.forming ? [...closed, this.forming] : closed;
  }

  stop(): void {
    this.stopped = true;
    this.stream?.stop();
  }

  private pushClosed(bar: Bar): IndicatorValue | null {
    let lines: IndicatorLines | null;
    try {
      lines = this.indicator.push(bar);
    } catch (err) {
      this.onBadBar(err, bar);
      return null;
    }
    if (this.history > 0) this.keep(bar.time, lines);
    return lines ? { time: bar.time, closed: true, lines } : null;
  }

  /** Keeps at least the last `history` values; trimming in batches keeps it O(1) amortized. */
  private keep(time: number, lines: IndicatorLines | null): void {
    if (!lines) return;
    this.closed.push({ time, closed: true, lines });
    if (this.closed.length >= 2 * this.history)
      this.closed = this.closed.slice(-this.history);
  }

  private peek(bar: Bar | null): IndicatorValue | null {
    if (!bar) return null;
    try {
      const lines = this.indicator.peek(bar);
      return lines ? { time: bar.time, closed: false, lines } : null;
    } catch (err) {
      this.onBadBar(err, bar);
      return null;
    }
  }
}

function sameValue(a: IndicatorValue | null, b: IndicatorValue): boolean {
  if (a === null || a.time !== b.time) return false;
  const keys = Object.keys(b.lines) as (keyof IndicatorLines)[];
  if (Object.keys(a.lines).length !== keys.length) return false;
  return keys.every((k) => a.lines[k] === b.lines[k]);
}
