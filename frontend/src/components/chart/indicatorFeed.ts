import type { IndicatorPoint, Study } from "../../model/indicator";
import type { Stream } from "../../services/stream";

export type IndicatorEvent =
  /** The studies shown changed (added, removed, reordered): rebuild the series. */
  | { readonly kind: "studies"; readonly studies: readonly Study[] }
  /** A study's values, replaced as a whole (a snapshot, a late value). */
  | {
      readonly kind: "reset";
      readonly id: string;
      readonly points: readonly IndicatorPoint[];
    }
  /** The newest value changed or a new bar's value arrived. */
  | {
      readonly kind: "update";
      readonly id: string;
      readonly point: IndicatorPoint;
    }
  | { readonly kind: "error"; readonly id: string; readonly message: string };

/** Where the values come from: `IndicatorService.values`. */
export type IndicatorSource = (
  symbol: string,
  resolution: string,
  study: Study,
) => Stream<IndicatorPoint>;

/** How long values are gathered into one redraw after a subscribe or an out-of-order value. */
export const SNAPSHOT_WAIT_MS = 50;

/** Values kept per study: a few pages more than the snapshot, for long sessions. */
export const MAX_POINTS = 5_000;

interface Track {
  readonly study: Study;
  readonly topic: string;
  points: IndicatorPoint[];
  /** Values wait for one flush: while the snapshot arrives, and after an out-of-order value. */
  batching: boolean;
  flushScheduled: boolean;
  error: string | null;
  stop: () => void;
}

const topicOf = (symbol: string, resolution: string, study: Study) =>
  JSON.stringify([symbol, resolution, study.kind, study.params]);

/**
 * The chart's indicators: one stream per study, its values kept in bar order (a forming value
 * replaced by the next one with the same time), announced as series resets and updates. A
 * snapshot is announced as one reset rather than hundreds of updates.
 */
export class IndicatorFeed {
  private readonly listeners = new Set<(event: IndicatorEvent) => void>();
  private tracks = new Map<string, Track>();
  private order: readonly Study[] = [];

  constructor(
    private readonly source: IndicatorSource,
    /** Waits for the rest of a snapshot, whose values come in a burst of frames. */
    private readonly schedule: (run: () => void) => void = (run) =>
      void setTimeout(run, SNAPSHOT_WAIT_MS),
  ) {}

  get studies(): readonly Study[] {
    return this.order;
  }

  points(id: string): readonly IndicatorPoint[] {
    return this.tracks.get(id)?.points ?? [];
  }

  latest(id: string): IndicatorPoint | undefined {
    const points = this.points(id);
    return points[points.length - 1];
  }

  error(id: string): string | null {
    return this.tracks.get(id)?.error ?? null;
  }

  on(listener: (event: IndicatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Shows `studies` on `symbol` at `resolution`: only changed studies subscribe again. */
  set(symbol: string, resolution: string, studies: readonly Study[]): void {
    const next = new Map<string, Track>();
    for (const study of studies) {
      const topic = topicOf(symbol, resolution, study);
      const kept = this.tracks.get(study.id);
      if (kept && kept.topic === topic) next.set(study.id, kept);
      else {
        kept?.stop();
        next.set(study.id, this.start(symbol, resolution, study, topic));
      }
    }
    for (const [id, track] of this.tracks) if (!next.has(id)) track.stop();
    this.tracks = next;
    this.order = studies.map((s) => next.get(s.id)?.study ?? s);
    this.emit({ kind: "studies", studies: this.order });
    for (const track of next.values())
      this.emit({ kind: "reset", id: track.study.id, points: track.points });
  }

  stop(): void {
    for (const track of this.tracks.values()) track.stop();
    this.tracks.clear();
    this.order = [];
  }

  private start(
    symbol: string,
    resolution: string,
    study: Study,
    topic: string,
  ): Track {
    const track: Track = {
      study,
      topic,
      points: [],
      batching: true,
      flushScheduled: false,
      error: null,
      stop: () => undefined,
    };
    const live = () => this.tracks.get(study.id) === track;
    track.stop = this.source(symbol, resolution, study).subscribe(
      (point) => this.apply(track, point, live),
      (error) => {
        track.error = `${error.code}: ${error.message}`;
        if (live())
          this.emit({ kind: "error", id: study.id, message: track.error });
      },
    );
    return track;
  }

  private apply(
    track: Track,
    point: IndicatorPoint,
    live: () => boolean,
  ): void {
    const { points } = track;
    const last = points[points.length - 1];
    if (!last || point.time > last.time) points.push(point);
    else if (point.time === last.time) points[points.length - 1] = point;
    else {
      // An older bar's value (a snapshot again after a reconnect): put it in place, redraw all.
      const at = points.findIndex((p) => p.time >= point.time);
      if (points[at]?.time === point.time) points[at] = point;
      else points.splice(at, 0, point);
      track.batching = true;
    }
    if (points.length > MAX_POINTS)
      points.splice(0, points.length - MAX_POINTS);
    track.error = null;
    if (!live()) return;
    if (!track.batching) {
      this.emit({ kind: "update", id: track.study.id, point });
      return;
    }
    if (track.flushScheduled) return;
    track.flushScheduled = true;
    this.schedule(() => {
      track.flushScheduled = false;
      track.batching = false;
      if (live())
        this.emit({ kind: "reset", id: track.study.id, points: track.points });
    });
  }

  private emit(event: IndicatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
