import {
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
} from "lightweight-charts";
import { DraggableLines } from "./draggableLines";

/** An alert the chart draws as a horizontal line at its level. */
export interface AlertLine {
  readonly id: string;
  readonly price: number;
  readonly title: string;
}

const COLOR = "#f5a623";

/** Alert lines on the price series, each draggable to a new level (reported by `onMove`). */
export class AlertLines extends DraggableLines<AlertLine> {
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
        update: (data) => ({ price: data.price, title: data.title }),
        create: () => ({
          color: COLOR,
          lineWidth: 1,
          lineStyle: LineStyle.Dashed,
          axisLabelVisible: true,
        }),
        draggable: () => true,
      },
      onMove,
    );
  }
}
