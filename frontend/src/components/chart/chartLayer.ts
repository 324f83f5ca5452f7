import type { IChartApi, ISeriesApi, SeriesType } from "lightweight-charts";

/** What a layer drawn on the price chart gets: the chart, its price series and its element. */
export interface ChartLayerContext {
  readonly chart: IChartApi;
  readonly series: ISeriesApi<SeriesType>;
  readonly container: HTMLElement;
}

/**
 * Something a panel draws on the price chart without the chart component knowing what it is (the
 * account's orders, say): attached once the chart exists, the returned function detaches it.
 */
export type ChartLayer = (context: ChartLayerContext) => () => void;
