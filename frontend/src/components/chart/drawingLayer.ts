import {
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type IPrimitivePaneRenderer,
  type IPrimitivePaneView,
  type ISeriesApi,
  type ISeriesPrimitive,
  type LineWidth,
  type MouseEventParams,
  type SeriesAttachedParameter,
  type SeriesType,
  type Time,
} from "lightweight-charts";
import type { Bar } from "../../model/bar";
import {
  DRAWING_COLOR,
  drawingAt,
  type Drawing,
  type DrawingKind,
  type DrawingPoint,
} from "./drawings";
import { logicalToTime, timeToLogical } from "./timeIndex";

/** What the drawing tools are doing, read by the layer on each click and move. */
export interface DrawingState {
  readonly tool: DrawingKind | null;
  /** A trend's first point, while the second is awaited. */
  readonly pending: DrawingPoint | null;
}

export interface DrawingHandlers {
  /** A click with a tool: the point under it. */
  point(point: DrawingPoint): void;
  /** A click without a tool: the drawing under it, or null. */
  select(id: string | null): void;
}

type Xy = { x: number; y: number };

/**
 * The user's drawings on the price series: horizontals as price lines (they get an axis label),
 * trend lines as a series primitive drawn on the pane. Points are kept as times, mapped through
 * the bars' logical indexes so they stay put across resolutions and beyond the last bar.
 */
export class DrawingLayer implements ISeriesPrimitive<Time> {
  private drawings: readonly Drawing[] = [];
  private selected: string | null = null;
  private preview: { from: DrawingPoint; to: DrawingPoint } | null = null;
  private readonly horizontals = new Map<string, IPriceLine>();
  private requestUpdate: (() => void) | undefined;
  private readonly views: readonly IPrimitivePaneView[];
  private cache: { bars: readonly Bar[]; length: number; times: number[] } = {
    bars: [],
    length: 0,
    times: [],
  };
  private down: Xy | null = null;
  private readonly onDown = (e: PointerEvent) => (this.down = this.at(e));
  private readonly onClick = (e: MouseEvent) => this.click(e);
  private readonly onMove = (p: MouseEventParams<Time>) => this.move(p);

  constructor(
    private readonly chart: IChartApi,
    private readonly series: ISeriesApi<SeriesType>,
    private readonly container: HTMLElement,
    private readonly bars: () => readonly Bar[],
    private readonly state: () => DrawingState,
    private readonly handlers: DrawingHandlers,
  ) {
    this.views = [
      { renderer: () => ({ draw: (target) => this.draw(target) }) },
    ];
    series.attachPrimitive(this);
    // DOM clicks, not the chart's: it swallows a second click within its double-click delay,
    // which is how quickly a trader places a trend's second point.
    container.addEventListener("pointerdown", this.onDown);
    container.addEventListener("click", this.onClick);
    chart.subscribeCrosshairMove(this.onMove);
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.requestUpdate = param.requestUpdate;
  }

  detached(): void {
    this.requestUpdate = undefined;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  set(drawings: readonly Drawing[], selected: string | null): void {
    this.drawings = drawings;
    this.selected = selected;
    const wanted = new Map(
      drawings.filter((d) => d.kind === "horizontal").map((d) => [d.id, d]),
    );
    for (const [id, line] of this.horizontals)
      if (!wanted.has(id)) {
        this.series.removePriceLine(line);
        this.horizontals.delete(id);
      }
    for (const [id, d] of wanted) {
      const width: LineWidth = id === selected ? 3 : 1;
      const options = {
        price: d.points[0]!.price,
        color: d.color ?? DRAWING_COLOR,
        lineWidth: width,
        lineStyle: LineStyle.Solid,
        axisLabelVisible: true,
        title: "",
      };
      const line = this.horizontals.get(id);
      if (line) line.applyOptions(options);
      else this.horizontals.set(id, this.series.createPriceLine(options));
    }
    if (!this.state().pending) this.preview = null;
    this.requestUpdate?.();
  }

  dispose(): void {
    this.container.removeEventListener("pointerdown", this.onDown);
    this.container.removeEventListener("click", this.onClick);
    this.chart.unsubscribeCrosshairMove(this.onMove);
    for (const line of this.horizontals.values())
      this.series.removePriceLine(line);
    this.horizontals.clear();
    this.series.detachPrimitive(this);
  }

  private times(): number[] {
    const bars = this.bars();
    const c = this.cache;
    if (
      c.bars !== bars ||
      c.length !== bars.length ||
      c.times[c.length - 1] !== (bars[bars.length - 1]?.time ?? 0) / 1000
    )
      this.cache = {
        bars,
        length: bars.length,
        times: bars.map((b) => b.time / 1000),
      };
    return this.cache.times;
  }

  private project(point: DrawingPoint): Xy | null {
    const logical = timeToLogical(this.times(), point.time);
    if (logical === null) return null;
    const x = this.chart.timeScale().logicalToCoordinate(logical as never);
    const y = this.series.priceToCoordinate(point.price);
    return x === null || y === null ? null : { x, y };
  }

  private pointAt(at: Xy): DrawingPoint | null {
    const logical = this.chart.timeScale().coordinateToLogical(at.x);
    const price = this.series.coordinateToPrice(at.y);
    if (logical === null || price === null) return null;
    const time = logicalToTime(this.times(), logical);
    return time === null ? null : { time: Math.round(time), price };
  }

  private at(e: MouseEvent): Xy {
    const box = this.container.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  private click(e: MouseEvent): void {
    const point = this.at(e);
    const down = this.down;
    this.down = null;
    // A drag (a pan) ends in a click too; and the axes are not the pane.
    if (!down || Math.hypot(point.x - down.x, point.y - down.y) > 4) return;
    const pane = this.chart.paneSize();
    if (point.x > pane.width || point.y > pane.height) return;
    if (this.state().tool) {
      const at = this.pointAt(point);
      if (at) this.handlers.point(at);
      return;
    }
    this.handlers.select(
      drawingAt(
        this.drawings,
        point,
        (p) => this.project(p),
        (price) => this.series.priceToCoordinate(price),
      ),
    );
  }

  private move(param: MouseEventParams<Time>): void {
    const { tool, pending } = this.state();
    const to =
      tool === "trend" && pending && param.point && this.pointAt(param.point);
    this.preview = to && pending ? { from: pending, to } : null;
    if (pending || this.preview) this.requestUpdate?.();
  }

  private draw(target: Parameters<IPrimitivePaneRenderer["draw"]>[0]): void {
    target.useMediaCoordinateSpace(({ context }) => {
      const segment = (
        a: DrawingPoint,
        b: DrawingPoint,
        color: string,
        width: number,
        dash: number[],
      ) => {
        const from = this.project(a);
        const to = this.project(b);
        if (!from || !to) return;
        context.strokeStyle = color;
        context.lineWidth = width;
        context.setLineDash(dash);
        context.beginPath();
        context.moveTo(from.x, from.y);
        context.lineTo(to.x, to.y);
        context.stroke();
        if (width > 1)
          for (const end of [from, to])
            context.fillRect(end.x - 3, end.y - 3, 6, 6);
      };
      for (const d of this.drawings)
        if (d.kind === "trend") {
          context.fillStyle = d.color ?? DRAWING_COLOR;
          segment(
            d.points[0]!,
            d.points[1]!,
            d.color ?? DRAWING_COLOR,
            d.id === this.selected ? 3 : 2,
            [],
          );
        }
      if (this.preview)
        segment(this.preview.from, this.preview.to, DRAWING_COLOR, 1, [4, 4]);
    });
  }
}
