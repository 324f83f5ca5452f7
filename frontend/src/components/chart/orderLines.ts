import {
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type SeriesType,
} from "lightweight-charts";
import type { OrderLine } from "./orderLineModel";

/** How close (CSS pixels) the pointer must come to a line to grab it. */
const GRAB_PX = 6;

/** Orders solid (a stop-limit's limit dotted, to tell it from its stop), brackets dashed. */
function lineStyle(data: OrderLine): LineStyle {
  if (data.kind !== "order") return LineStyle.Dashed;
  return data.leg === "limit" ? LineStyle.Dotted : LineStyle.Solid;
}

/** Where a line is drawn now: its id, price, label and height over the pane (null off-scale). */
export type DrawnLine = readonly [
  id: string,
  price: number,
  label: string,
  y: number | null,
];

/**
 * The account's lines on the price series: orders, brackets and the position. Order and bracket
 * lines can be dragged (pointer events on the container, as the alert lines: priceToCoordinate to
 * find the line under the pointer, coordinateToPrice to follow it); the level where one is let go
 * is reported, and the line stays there until the order's next state redraws it.
 */
export class OrderLines {
  private lines = new Map<string, { line: IPriceLine; data: OrderLine }>();
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

  set(lines: readonly OrderLine[]): void {
    const wanted = new Map(lines.map((l) => [l.id, l]));
    for (const [id, drawn] of this.lines)
      if (!wanted.has(id) && this.dragging?.id !== id) {
        this.series.removePriceLine(drawn.line);
        this.lines.delete(id);
      }
    for (const data of lines) {
      if (this.dragging?.id === data.id) continue;
      const drawn = this.lines.get(data.id);
      const options = {
        price: data.price,
        // A movable line's label is drawn by its HTML control (with the cancel button), which
        // would cover a title drawn on the canvas.
        title: data.draggable ? "" : data.label,
        color: data.color,
        lineStyle: lineStyle(data),
      };
      if (drawn) {
        drawn.line.applyOptions(options);
        drawn.data = data;
      } else
        this.lines.set(data.id, {
          data,
          line: this.series.createPriceLine({
            ...options,
            lineWidth: data.kind === "position" ? 2 : 1,
            axisLabelVisible: true,
          }),
        });
    }
  }

  /** Shows a line at `price` without sending anything (a keyboard move being chosen). */
  preview(id: string, price: number): void {
    this.lines.get(id)?.line.applyOptions({ price });
  }

  /** Every line as drawn now, with its height, for the overlay's controls and browser tests. */
  drawn(): DrawnLine[] {
    return [...this.lines.values()].map(({ line, data }) => {
      const price = line.options().price;
      const y = this.series.priceToCoordinate(price);
      return [data.id, price, data.label, y === null ? null : Math.round(y)];
    });
  }

  dispose(): void {
    this.detach();
    for (const { line } of this.lines.values())
      this.series.removePriceLine(line);
    this.lines.clear();
  }

  private y(e: PointerEvent): number {
    return e.clientY - this.container.getBoundingClientRect().top;
  }

  private near(y: number): string | null {
    for (const [id, { data, line }] of this.lines) {
      if (!data.draggable) continue;
      const at = this.series.priceToCoordinate(line.options().price);
      if (at !== null && Math.abs(at - y) <= GRAB_PX) return id;
    }
    return null;
  }

  private down(e: PointerEvent): void {
    // An alert line under the pointer took it first.
    if (e.button !== 0 || e.defaultPrevented) return;
    const id = this.near(this.y(e));
    const drawn = id === null ? undefined : this.lines.get(id);
    if (id === null || !drawn) return;
    this.dragging = { id, pointerId: e.pointerId, price: drawn.data.price };
    this.chart.applyOptions({ handleScroll: false, handleScale: false });
    this.container.setPointerCapture?.(e.pointerId);
    this.container.style.cursor = "ns-resize";
    e.stopPropagation();
    e.preventDefault();
  }

  private move(e: PointerEvent): void {
    const drag = this.dragging;
    if (!drag) {
      if (this.near(this.y(e)) !== null)
        this.container.style.cursor = "ns-resize";
      return;
    }
    if (e.pointerId !== drag.pointerId) return;
    const price = this.series.coordinateToPrice(this.y(e));
    if (price === null) return;
    drag.price = Number(price);
    this.preview(drag.id, drag.price);
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
    else if (original !== undefined) this.preview(drag.id, original);
    e.stopPropagation();
  }
}
