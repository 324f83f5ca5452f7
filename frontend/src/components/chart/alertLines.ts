import {
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type SeriesType,
} from "lightweight-charts";

/** An alert the chart draws as a horizontal line at its level. */
export interface AlertLine {
  readonly id: string;
  readonly price: number;
  readonly title: string;
}

/** How close (CSS pixels) the pointer must come to a line to grab it. */
const GRAB_PX = 6;
const COLOR = "#f5a623";

/**
 * Alert lines on the price series, draggable to a new level. lightweight-charts has no dragging
 * of its own: pointer events on the container find the line near the pointer (priceToCoordinate),
 * follow it (coordinateToPrice), and report the level where it was let go.
 */
export class AlertLines {
  private lines = new Map<string, { line: IPriceLine; data: AlertLine }>();
  private dragging: { id: string; pointerId: number; price: number } | null =
    null;
  private readonly detach: () => void;

  constructor(
    private readonly chart: IChartApi,
    private readonly series: ISeriesApi<SeriesType>,
    private readonly container: HTMLElement,
    private readonly onMove: (id: string, price: number) => void,
  ) {
    const down = (e: PointerEvent) => this.down(e);
    const move = (e: PointerEvent) => this.move(e);
    const up = (e: PointerEvent) => this.up(e);
    // Capture phase: the chart must not start a scroll when the pointer grabs a line.
    container.addEventListener("pointerdown", down, true);
    container.addEventListener("pointermove", move, true);
    container.addEventListener("pointerup", up, true);
    container.addEventListener("pointercancel", up, true);
    this.detach = () => {
      container.removeEventListener("pointerdown", down, true);
      container.removeEventListener("pointermove", move, true);
      container.removeEventListener("pointerup", up, true);
      container.removeEventListener("pointercancel", up, true);
    };
  }

  set(lines: readonly AlertLine[]): void {
    const wanted = new Map(lines.map((l) => [l.id, l]));
    for (const [id, drawn] of this.lines)
      if (!wanted.has(id) && this.dragging?.id !== id) {
        this.series.removePriceLine(drawn.line);
        this.lines.delete(id);
      }
    for (const data of lines) {
      if (this.dragging?.id === data.id) continue;
      const drawn = this.lines.get(data.id);
      const options = { price: data.price, title: data.title };
      if (drawn) {
        drawn.line.applyOptions(options);
        drawn.data = data;
      } else
        this.lines.set(data.id, {
          data,
          line: this.series.createPriceLine({
            ...options,
            color: COLOR,
            lineWidth: 1,
            lineStyle: LineStyle.Dashed,
            axisLabelVisible: true,
          }),
        });
    }
  }

  dispose(): void {
    this.detach();
    this.lines.clear();
  }

  /** The price at a pointer's height over the price pane, or null outside it. */
  priceAt(clientY: number): number | null {
    const y = clientY - this.container.getBoundingClientRect().top;
    const price = this.series.coordinateToPrice(y);
    return price === null ? null : Number(price);
  }

  private y(e: PointerEvent): number {
    return e.clientY - this.container.getBoundingClientRect().top;
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) return;
    const y = this.y(e);
    for (const [id, { data }] of this.lines) {
      const at = this.series.priceToCoordinate(data.price);
      if (at === null || Math.abs(at - y) > GRAB_PX) continue;
      this.dragging = { id, pointerId: e.pointerId, price: data.price };
      this.chart.applyOptions({ handleScroll: false, handleScale: false });
      this.container.setPointerCapture?.(e.pointerId);
      this.container.style.cursor = "ns-resize";
      e.stopPropagation();
      e.preventDefault();
      return;
    }
  }

  private move(e: PointerEvent): void {
    const drag = this.dragging;
    if (!drag) {
      const near = [...this.lines.values()].some(({ data }) => {
        const at = this.series.priceToCoordinate(data.price);
        return at !== null && Math.abs(at - this.y(e)) <= GRAB_PX;
      });
      this.container.style.cursor = near ? "ns-resize" : "";
      return;
    }
    if (e.pointerId !== drag.pointerId) return;
    const price = this.series.coordinateToPrice(this.y(e));
    if (price === null) return;
    drag.price = Number(price);
    this.lines.get(drag.id)?.line.applyOptions({ price: drag.price });
    e.stopPropagation();
  }

  private up(e: PointerEvent): void {
    const drag = this.dragging;
    if (!drag || e.pointerId !== drag.pointerId) return;
    this.dragging = null;
    this.chart.applyOptions({ handleScroll: true, handleScale: true });
    this.container.releasePointerCapture?.(e.pointerId);
    this.container.style.cursor = "";
    const original = this.lines.get(drag.id)?.data.price;
    if (e.type === "pointerup" && original !== drag.price)
      this.onMove(drag.id, drag.price);
    else if (original !== undefined)
      this.lines.get(drag.id)?.line.applyOptions({ price: original });
    e.stopPropagation();
  }
}
