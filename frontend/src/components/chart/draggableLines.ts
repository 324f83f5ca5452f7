import type {
  CreatePriceLineOptions,
  IChartApi,
  IPriceLine,
  ISeriesApi,
  PriceLineOptions,
  SeriesType,
} from "lightweight-charts";

/** How close (CSS pixels) the pointer must come to a line to grab it. */
const GRAB_PX = 6;

/** What a kind of line says about one of its items. */
export interface LineLook<T> {
  /** Options applied on every update (price included). */
  update(data: T): Partial<PriceLineOptions> & { price: number };
  /** Options only set when the line is created. */
  create(data: T): Partial<CreatePriceLineOptions>;
  draggable(data: T): boolean;
}

/**
 * Price lines on a series that the pointer can drag to a new level (alert levels, working
 * orders). lightweight-charts has no dragging of its own: pointer events on the container, in the
 * capture phase so the chart does not start a scroll, find the line near the pointer
 * (priceToCoordinate), follow it (coordinateToPrice) and report the level where it was let go.
 * The line stays there until the owner's next `set` redraws it; a cancelled drag puts it back.
 * A pointer another set of lines took first (`defaultPrevented`) is left alone.
 */
export class DraggableLines<
  T extends { readonly id: string; readonly price: number },
> {
  private readonly lines = new Map<string, { line: IPriceLine; data: T }>();
  private dragging: { id: string; pointerId: number; price: number } | null =
    null;
  /** This set put the grab cursor on the container (and so takes it off again). */
  private hovering = false;
  private readonly detach: () => void;

  constructor(
    private readonly chart: IChartApi,
    private readonly series: ISeriesApi<SeriesType>,
    private readonly container: HTMLElement,
    private readonly look: LineLook<T>,
    private readonly onMove: (id: string, price: number) => void,
  ) {
    const down = (e: PointerEvent) => this.down(e);
    const move = (e: PointerEvent) => this.move(e);
    const up = (e: PointerEvent) => this.up(e);
    const events = [
      ["pointerdown", down],
      ["pointermove", move],
      ["pointerup", up],
      ["pointercancel", up],
    ] as const;
    for (const [type, listener] of events)
      container.addEventListener(type, listener, true);
    this.detach = () => {
      for (const [type, listener] of events)
        container.removeEventListener(type, listener, true);
    };
  }

  set(items: readonly T[]): void {
    const wanted = new Set(items.map((item) => item.id));
    for (const [id, drawn] of this.lines)
      if (!wanted.has(id) && this.dragging?.id !== id) {
        this.series.removePriceLine(drawn.line);
        this.lines.delete(id);
      }
    for (const data of items) {
      if (this.dragging?.id === data.id) continue;
      const drawn = this.lines.get(data.id);
      const options = this.look.update(data);
      if (drawn) {
        drawn.line.applyOptions(options);
        drawn.data = data;
      } else
        this.lines.set(data.id, {
          data,
          line: this.series.createPriceLine({
            ...options,
            ...this.look.create(data),
          }),
        });
    }
  }

  /** Shows a line at `price` without reporting anything (a keyboard move being chosen). */
  preview(id: string, price: number): void {
    this.lines.get(id)?.line.applyOptions({ price });
  }

  /** Each line's item, the price it is drawn at now and its height (null off the scale). */
  drawn(): { data: T; price: number; y: number | null }[] {
    return [...this.lines.values()].map(({ line, data }) => {
      const price = line.options().price;
      const y = this.series.priceToCoordinate(price);
      return { data, price, y: y === null ? null : Math.round(y) };
    });
  }

  /** The price at a pointer's height over the price pane, or null outside it. */
  priceAt(clientY: number): number | null {
    const price = this.series.coordinateToPrice(this.y(clientY));
    return price === null ? null : Number(price);
  }

  dispose(): void {
    this.detach();
    for (const { line } of this.lines.values())
      this.series.removePriceLine(line);
    this.lines.clear();
  }

  private y(clientY: number): number {
    return clientY - this.container.getBoundingClientRect().top;
  }

  private near(y: number): string | null {
    for (const [id, { data, line }] of this.lines) {
      if (!this.look.draggable(data)) continue;
      const at = this.series.priceToCoordinate(line.options().price);
      if (at !== null && Math.abs(at - y) <= GRAB_PX) return id;
    }
    return null;
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || e.defaultPrevented) return;
    const id = this.near(this.y(e.clientY));
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
      const near = this.near(this.y(e.clientY)) !== null;
      if (near) this.container.style.cursor = "ns-resize";
      else if (this.hovering) this.container.style.cursor = "";
      this.hovering = near;
      return;
    }
    if (e.pointerId !== drag.pointerId) return;
    const price = this.priceAt(e.clientY);
    if (price === null) return;
    drag.price = price;
    this.preview(drag.id, price);
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
