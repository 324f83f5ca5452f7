import {
  LineSeries,
  PriceScaleMode,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import type { ComparePoint } from "./compare";
import type { CompareEvent, CompareFeed } from "./compareFeed";

const COMPARE_COLOR = "#f0b90b";

const toLine = (point: ComparePoint): LineData<Time> => ({
  time: (point.time / 1000) as UTCTimestamp,
  value: point.value,
});

/** The comparison series on the chart: while there is one the right scale is in percent. */
export class CompareLine {
  private line: ISeriesApi<"Line"> | undefined;
  private stop: (() => void) | undefined;

  constructor(private readonly chart: IChartApi) {}

  /** Percent scale with the comparison line on it, or back to prices without one. */
  show(feed: CompareFeed | null | undefined): "price" | "percent" {
    this.dispose();
    const scale = this.chart.priceScale("right");
    scale.applyOptions({
      mode: feed ? PriceScaleMode.Percentage : PriceScaleMode.Normal,
    });
    const mode =
      scale.options().mode === PriceScaleMode.Percentage ? "percent" : "price";
    if (!feed) return mode;
    const line = this.chart.addSeries(LineSeries, {
      color: COMPARE_COLOR,
      lineWidth: 2,
      priceLineVisible: false,
    });
    this.line = line;
    line.setData(feed.series.map(toLine));
    this.stop = feed.on((event: CompareEvent) => {
      if (event.kind === "reset") line.setData(event.points.map(toLine));
      else if (event.kind === "update") line.update(toLine(event.point));
      else if (event.kind === "loading") line.setData([]);
    });
    return mode;
  }

  dispose(): void {
    this.stop?.();
    this.stop = undefined;
    if (this.line) this.chart.removeSeries(this.line);
    this.line = undefined;
  }
}
