import {
  AreaSeries,
  BarSeries,
  CandlestickSeries,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Settings } from "../../model/settings";
import type { Bar } from "../../model/bar";
import type { SymbolSpec } from "../../model/symbol";
import { withAlpha, type ChartColors } from "./chartTheme";
import { applyHeikinAshi, heikinAshi, type Ohlc } from "./heikinAshi";

export type ChartType = Settings["chartType"];
const LINE_COLOR = "#2962ff";

// lightweight-charts wants UTC seconds; the datafeed's bars are in milliseconds, as TradingView's.
const seconds = (time: number) => (time / 1000) as UTCTimestamp;
const ohlc = (bar: Bar): Ohlc => ({
  time: bar.time,
  open: bar.open,
  high: bar.high,
  low: bar.low,
  close: bar.close,
});

function styleOf(type: ChartType, c: ChartColors) {
  // The library's own last-value label follows the last *visible* bar; the live line below
  // always shows the newest price instead.
  const common = { lastValueVisible: false, priceLineVisible: false };
  switch (type) {
    case "line":
      return { ...common, color: LINE_COLOR, lineWidth: 2 as const };
    case "area":
      return {
        ...common,
        lineColor: LINE_COLOR,
        topColor: withAlpha(LINE_COLOR, 0.35),
        bottomColor: withAlpha(LINE_COLOR, 0.02),
        lineWidth: 2 as const,
      };
    case "bars":
      return { ...common, upColor: c.up, downColor: c.down, thinBars: false };
    default:
      return {
        ...common,
        upColor: c.up,
        downColor: c.down,
        borderVisible: false,
        wickUpColor: c.up,
        wickDownColor: c.down,
      };
  }
}

function definitionOf(type: ChartType) {
  if (type === "line") return LineSeries;
  if (type === "area") return AreaSeries;
  if (type === "bars") return BarSeries;
  return CandlestickSeries;
}

/**
 * The chart's price series in the chosen type (Heikin-Ashi computed here from the real bars), its
 * volume, and the live price line: the newest real price on the axis wherever the user panned.
 */
export class MainSeries {
  readonly price: ISeriesApi<SeriesType>;
  readonly volume: ISeriesApi<"Histogram">;
  private readonly live: IPriceLine;
  private ha: Ohlc[] = [];
  private colors: ChartColors;
  private last: Bar | undefined;

  constructor(
    chart: IChartApi,
    readonly type: ChartType,
    colors: ChartColors,
  ) {
    this.colors = colors;
    this.price = chart.addSeries(definitionOf(type), styleOf(type, colors));
    this.price
      .priceScale()
      .applyOptions({ scaleMargins: { top: 0.08, bottom: 0.24 } });
    this.volume = chart.addSeries(HistogramSeries, {
      priceFormat: { type: "volume" },
      priceScaleId: "",
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.volume
      .priceScale()
      .applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.live = this.price.createPriceLine({
      price: 0,
      lineWidth: 1,
      lineStyle: LineStyle.Dotted,
      lineVisible: false,
      axisLabelVisible: false,
      title: "",
    });
  }

  /** The newest real price (not the Heikin-Ashi one), as the live line shows it. */
  get livePrice(): number | undefined {
    return this.last?.close;
  }

  setData(bars: readonly Bar[]): void {
    if (this.type === "heikin-ashi") {
      this.ha = heikinAshi(bars.map(ohlc));
      this.price.setData(this.ha.map((c) => this.point(c)));
    } else this.price.setData(bars.map((b) => this.point(b)));
    this.volume.setData(bars.map((b) => this.volumePoint(b)));
    this.showLive(bars[bars.length - 1]);
  }

  update(bar: Bar): void {
    if (this.type === "heikin-ashi") {
      const candle = applyHeikinAshi(this.ha, ohlc(bar));
      if (!candle) return;
      this.price.update(this.point(candle));
    } else this.price.update(this.point(bar));
    this.volume.update(this.volumePoint(bar));
    this.showLive(bar);
  }

  setFormat(spec: SymbolSpec): void {
    this.price.applyOptions({
      priceFormat: {
        type: "price",
        precision: spec.pricePrecision,
        minMove: spec.tickSize,
      },
    });
  }

  /** New theme colours; the volume's colours are per bar, so the caller sets the data again. */
  setColors(colors: ChartColors): void {
    this.colors = colors;
    this.price.applyOptions(styleOf(this.type, colors));
    this.showLive(this.last);
  }

  private showLive(bar: Bar | undefined): void {
    this.last = bar;
    this.live.applyOptions(
      bar
        ? {
            price: bar.close,
            color: bar.close >= bar.open ? this.colors.up : this.colors.down,
            lineVisible: true,
            axisLabelVisible: true,
          }
        : { lineVisible: false, axisLabelVisible: false },
    );
  }

  private point(bar: Ohlc) {
    const time = seconds(bar.time) as Time;
    if (this.type === "line" || this.type === "area")
      return { time, value: bar.close };
    return {
      time,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
    };
  }

  private volumePoint(bar: Bar) {
    const color = bar.close >= bar.open ? this.colors.up : this.colors.down;
    return {
      time: seconds(bar.time) as Time,
      value: bar.volume,
      color: withAlpha(color, 0.45),
    };
  }
}

/** The bar at `time` (ms) in a series sorted by time, by binary search. */
export function barAt(bars: readonly Bar[], time: number): Bar | undefined {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = bars[mid]!.time;
    if (t === time) return bars[mid];
    if (t < time) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
