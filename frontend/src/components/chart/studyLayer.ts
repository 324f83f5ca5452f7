import {
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type ISeriesApi,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import type {
  IndicatorLine,
  IndicatorPoint,
  Study,
} from "../../model/indicator";
import { indicatorSpec } from "../../model/indicatorCatalog";

type StudySeries = ISeriesApi<"Line"> | ISeriesApi<"Histogram">;

interface Drawn {
  readonly lines: ReadonlyMap<IndicatorLine, StudySeries>;
  /** Bars with a value in the first line, and the newest bar's time: kept as values arrive. */
  count: number;
  lastTime: number;
}

const seconds = (time: number) => (time / 1000) as UTCTimestamp;
const UP = "rgba(38,166,154,0.6)";
const DOWN = "rgba(239,83,80,0.6)";

function datum(point: IndicatorPoint, line: IndicatorLine, histogram: boolean) {
  const value = point.lines[line];
  if (value === undefined) return { time: seconds(point.time) as Time };
  return histogram
    ? {
        time: seconds(point.time) as Time,
        value,
        color: value >= 0 ? UP : DOWN,
      }
    : { time: seconds(point.time) as Time, value };
}

/**
 * The indicators on a lightweight-charts chart: overlays as lines on the price pane (0), each
 * oscillator in a pane of its own below it (1, 2, …), MACD's histogram as a histogram.
 */
export class StudyLayer {
  private drawn = new Map<string, Drawn>();

  constructor(private readonly chart: IChartApi) {}

  /** Rebuilds every study's series: panes are numbered by position, so any change renumbers them. */
  setStudies(studies: readonly Study[]): void {
    this.clear();
    let pane = 0;
    for (const study of studies) {
      const spec = indicatorSpec(study.kind);
      const paneIndex = spec.placement === "overlay" ? 0 : (pane += 1);
      const lines = new Map<IndicatorLine, StudySeries>();
      for (const line of spec.lines) {
        const common = {
          priceLineVisible: false,
          lastValueVisible: spec.placement === "pane",
          title: "",
        };
        const series: StudySeries = line.histogram
          ? this.chart.addSeries(
              HistogramSeries,
              { ...common, color: line.color },
              paneIndex,
            )
          : this.chart.addSeries(
              LineSeries,
              {
                ...common,
                color: line.color,
                lineWidth: 1,
                crosshairMarkerVisible: false,
              },
              paneIndex,
            );
        lines.set(line.line, series);
      }
      const first = lines.values().next().value;
      for (const level of spec.levels ?? [])
        first?.createPriceLine({
          price: level,
          color: "#3a4350",
          lineStyle: LineStyle.Dashed,
          lineWidth: 1,
          axisLabelVisible: false,
        });
      this.drawn.set(study.id, { lines, count: 0, lastTime: -1 });
    }
    // The price pane keeps most of the height however many oscillators sit under it.
    const panes = this.chart.panes();
    const price = Math.max(3, 1.5 * (panes.length - 1));
    panes.forEach((p, i) => p.setStretchFactor(i === 0 ? price : 1));
  }

  setPoints(id: string, points: readonly IndicatorPoint[]): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    const first = [...drawn.lines.keys()][0];
    drawn.count = points.filter(
      (p) => first !== undefined && p.lines[first] !== undefined,
    ).length;
    drawn.lastTime = points[points.length - 1]?.time ?? -1;
    for (const [line, series] of drawn.lines) {
      const histogram = series.seriesType() === "Histogram";
      series.setData(points.map((p) => datum(p, line, histogram)));
    }
  }

  update(id: string, point: IndicatorPoint): void {
    const drawn = this.drawn.get(id);
    if (!drawn) return;
    const first = [...drawn.lines.keys()][0];
    if (point.time > drawn.lastTime) {
      drawn.lastTime = point.time;
      if (first !== undefined && point.lines[first] !== undefined)
        drawn.count += 1;
    }
    for (const [line, series] of drawn.lines) {
      const histogram = series.seriesType() === "Histogram";
      series.update(datum(point, line, histogram));
    }
  }

  /** How many bars with a value each study's series holds: the smoke tests' view of the chart. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [id, drawn] of this.drawn) counts[id] = drawn.count;
    return counts;
  }

  clear(): void {
    for (const drawn of this.drawn.values())
      for (const series of drawn.lines.values())
        this.chart.removeSeries(series);
    this.drawn.clear();
    // A pane whose last series went is removed with it; any left over (none expected) goes too.
    for (let i = this.chart.panes().length - 1; i > 0; i -= 1)
      this.chart.removePane(i);
  }
}
