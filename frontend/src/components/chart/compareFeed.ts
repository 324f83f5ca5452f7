import { DAY_MS } from "@tradewire/client";
import type { Bar } from "../../model/bar";
import type { Adjustment } from "../../model/historyJob";
import type { DatafeedService } from "../../services/datafeed/DatafeedService";
import type { ChartEvent, ChartFeed } from "./chartFeed";
import {
  alignPoints,
  placedTime,
  shiftTime,
  type ComparePoint,
  type CompareTarget,
} from "./compare";

export type CompareEvent =
  | { readonly kind: "loading" }
  | { readonly kind: "error"; readonly message: string }
  /** The whole comparison series, on the main series' times. */
  | { readonly kind: "reset"; readonly points: readonly ComparePoint[] }
  /** The newest point changed or a new one was added. */
  | { readonly kind: "update"; readonly point: ComparePoint };

type CompareSource = Pick<
  DatafeedService,
  "bars" | "resolveSymbol" | "subscribeBars" | "unsubscribeBars"
>;

let feeds = 0;

/**
 * The chart's comparison series: the other symbol's (or the same symbol's, a period back) closes
 * from `/datafeed/bars` over the main series' range, placed on the main series' bar times, and
 * kept live: another symbol through its `bars` channel subscription, a shifted one from the
 * history already read (the bar a period back of each new main bar is in the past).
 */
export class CompareFeed {
  private readonly listeners = new Set<(event: CompareEvent) => void>();
  private readonly closes = new Map<number, number>();
  private readonly guid = `compare:${++feeds}`;
  private readonly stopMain: () => void;
  private points: ComparePoint[] = [];
  private generation = 0;
  private live = false;

  constructor(
    private readonly source: CompareSource,
    private readonly main: ChartFeed,
    readonly target: CompareTarget,
    private readonly symbol: string,
    private readonly resolution: string,
    private readonly adjustment: Adjustment = "none",
    private readonly now: () => number = () => Date.now(),
  ) {
    this.stopMain = main.on((event) => this.onMain(event));
    if (main.series.length > 0) void this.load();
  }

  get series(): readonly ComparePoint[] {
    return this.points;
  }

  on(listener: (event: CompareEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  stop(): void {
    this.generation += 1;
    this.stopMain();
    this.stopLive();
    this.listeners.clear();
  }

  private onMain(event: ChartEvent): void {
    if (event.kind === "reset" || event.kind === "prepend") void this.load();
    else if (event.kind === "update") this.place(event.bar.time);
    else if (event.kind === "loading") {
      this.generation += 1;
      this.points = [];
      this.emit({ kind: "loading" });
    }
  }

  /** Reads the comparison over the main series' range and places it. */
  private async load(): Promise<void> {
    const bars = this.main.series;
    const first = bars[0];
    if (!first) return;
    const generation = ++this.generation;
    this.emit({ kind: "loading" });
    const shift = this.target.kind === "shift" ? this.target : null;
    const now = this.now();
    const from = shift ? shiftTime(first.time, shift.period, -1) : first.time;
    // A shifted series also covers the main bars still to come in the next day.
    const to = shift
      ? Math.min(now, shiftTime(now, shift.period, -1) + DAY_MS)
      : now;
    try {
      const symbol =
        this.target.kind === "symbol" ? this.target.symbol : this.symbol;
      const read = await this.source.bars({
        symbol,
        resolution: this.resolution,
        from: Math.floor(from / 1000),
        to: Math.floor(to / 1000) + 1,
        // The same symbol a period back is adjusted as the chart is.
        ...(shift && this.adjustment !== "none"
          ? { adjustment: this.adjustment }
          : {}),
      });
      if (generation !== this.generation) return;
      for (const bar of read)
        this.closes.set(placedTime(bar.time, this.target), bar.close);
      this.points = alignPoints(
        bars.map((b) => b.time),
        read,
        this.target,
      );
      this.emit({ kind: "reset", points: this.points });
      if (!shift && !this.live) this.startLive(symbol, generation);
    } catch (error) {
      if (generation === this.generation)
        this.emit({
          kind: "error",
          message: error instanceof Error ? error.message : String(error),
        });
    }
  }

  private startLive(symbol: string, generation: number): void {
    this.live = true;
    this.source.resolveSymbol(
      symbol,
      (info) => {
        if (generation !== this.generation) return;
        this.source.subscribeBars(
          info,
          this.resolution,
          (bar: Bar) => {
            this.closes.set(bar.time, bar.close);
            this.place(bar.time);
          },
          this.guid,
          () => void this.load(),
        );
      },
      (reason) => this.emit({ kind: "error", message: reason }),
    );
  }

  private stopLive(): void {
    if (!this.live) return;
    this.live = false;
    this.source.unsubscribeBars(this.guid);
  }

  /** A point at `time` when both series have a bar there and it is not older than the last. */
  private place(time: number): void {
    const value = this.closes.get(time);
    const last = this.points[this.points.length - 1];
    const onMain = this.main.lastBar?.time === time;
    if (value === undefined || !onMain || (last && time < last.time)) return;
    const point = { time, value };
    if (last && last.time === time) this.points[this.points.length - 1] = point;
    else this.points.push(point);
    this.emit({ kind: "update", point });
  }

  private emit(event: CompareEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
