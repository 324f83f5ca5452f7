import {
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
} from "lightweight-charts";
import { DraggableLines } from "./draggableLines";
import type { OrderLine } from "./orderLineModel";

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
 * lines can be dragged; the level where one is let go is reported, and the line stays there until
 * the order's next state redraws it.
 */
export class OrderLines extends DraggableLines<OrderLine> {
  constructor(
    chart: IChartApi,
    series: ISeriesApi<SeriesType>,
    container: HTMLElement,
    onMove: (id: string, price: number) => void,
  ) {
    super(
      chart,
      series,
      container,
      {
        update: (data) => ({
          price: data.price,
          // A movable line's label is drawn by its HTML control (with the cancel button), which
          // would cover a title drawn on the canvas.
          title: data.draggable ? "" : data.label,
          color: data.color,
          lineStyle: lineStyle(data),
        }),
        create: (data) => ({
          lineWidth: data.kind === "position" ? 2 : 1,
          axisLabelVisible: true,
        }),
        draggable: (data) => data.draggable,
      },
      onMove,
    );
  }

  /** Every line as drawn now, with its height, for the overlay's controls and browser tests. */
  lineStates(): DrawnLine[] {
    return this.drawn().map(({ data, price, y }) => [
      data.id,
      price,
      data.label,
      y,
    ]);
  }
}
