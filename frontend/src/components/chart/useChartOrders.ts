import { createSeriesMarkers } from "lightweight-charts";
import { computed, ref, shallowRef, watch } from "vue";
import { useTerminal } from "../../services/injection";
import { useExecutionsStore } from "../../stores/executions";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { usePositionsStore } from "../../stores/positions";
import type { ChartFeed } from "./chartFeed";
import type { ChartLayer } from "./chartLayer";
import { chartOrderActions } from "./chartOrderActions";
import { executionMarkers } from "./executionMarkers";
import { orderLines } from "./orderLineModel";
import { OrderLines, type DrawnLine } from "./orderLines";

/**
 * Trading on the chart: the shown symbol's working orders, brackets and position as lines (an
 * order line dragged or moved by keyboard modifies the order), its fills as markers, and where
 * each line is drawn, for the cancel controls next to them and for browser tests
 * (`data-order-lines` on the chart element: `[[id, price, label, y]]`, a stop-limit's limit line
 * as `<order id>:limit`; `data-price-span`).
 */
export function useChartOrders(feed: ChartFeed) {
  const { broker } = useTerminal();
  const orders = useOrdersStore();
  const positions = usePositionsStore();
  const executions = useExecutionsStore();
  const market = useMarketStore();
  const actions = chartOrderActions(broker);
  /** Bumped when a move was not sent or was refused, so the line goes back where its order is. */
  const redraw = ref(0);
  const drawn = shallowRef<readonly DrawnLine[]>([]);
  /** Width of the price scale, so the controls sit just left of it. */
  const scaleWidth = ref(0);
  let drawer: OrderLines | undefined;

  const lines = computed(() => {
    void redraw.value;
    return orderLines(
      Object.values(orders.byId),
      positions.bySymbol[market.symbol],
      market.symbol,
    );
  });

  /** Moves the order (or the stop-limit's price) behind the line `id`. */
  async function move(id: string, price: number): Promise<void> {
    const line = lines.value.find((l) => l.id === id);
    const sent = line
      ? await actions.move(line.orderId, price, line.leg)
      : false;
    if (!sent) redraw.value += 1;
  }

  /** Cancels the order behind the line `id` (both lines of a stop-limit go with it). */
  function cancel(id: string): Promise<boolean> {
    const line = lines.value.find((l) => l.id === id);
    return line ? actions.cancel(line.orderId) : Promise.resolve(false);
  }

  function preview(id: string, price: number | null): void {
    if (price === null) redraw.value += 1;
    else drawer?.preview(id, price);
  }

  const layer: ChartLayer = ({ chart, series, container }) => {
    const lineSet = new OrderLines(chart, series, container, (id, price) => {
      void move(id, price);
    });
    drawer = lineSet;
    const stopLines = watch(lines, (next) => lineSet.set(next), {
      immediate: true,
    });
    const markers = createSeriesMarkers(series, []);
    const showMarkers = () => {
      const list = executionMarkers(
        executions.list,
        market.symbol,
        feed.series,
      );
      markers.setMarkers(list);
      container.dataset.executionMarkers = String(list.length);
    };
    const stopExecutions = watch(
      () => [executions.list, market.symbol],
      showMarkers,
      { immediate: true },
    );
    let newest = feed.series.at(-1)?.time;
    const stopFeed = feed.on((event) => {
      if (event.kind === "update" && event.bar.time === newest) return;
      newest = feed.series.at(-1)?.time;
      if (event.kind !== "error") showMarkers();
    });
    /** `[price at the top, price at the bottom, height]` of the price pane, for browser tests. */
    const priceSpan = () => {
      const height = chart.paneSize(0).height;
      const at = (y: number) => series.coordinateToPrice(y);
      return JSON.stringify([at(0), at(height), height]);
    };
    // The price scale moves without an event of its own (autoscale, a drag on the axis): follow
    // the lines' heights each frame and publish them when they change.
    let frame = 0;
    const publish = () => {
      const now = lineSet.lineStates();
      const json = JSON.stringify(now);
      if (json !== container.dataset.orderLines) {
        container.dataset.orderLines = json;
        drawn.value = now;
      }
      scaleWidth.value = chart.priceScale("right").width();
      container.dataset.priceSpan = priceSpan();
      frame = requestAnimationFrame(publish);
    };
    publish();
    return () => {
      cancelAnimationFrame(frame);
      stopLines();
      stopExecutions();
      stopFeed();
      markers.detach();
      lineSet.dispose();
      if (drawer === lineSet) drawer = undefined;
      drawn.value = [];
    };
  };

  return {
    layer,
    lines,
    drawn,
    scaleWidth,
    move,
    preview,
    cancel,
  };
}

export type ChartOrders = ReturnType<typeof useChartOrders>;
