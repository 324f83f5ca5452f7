import type { IndicatorPoint, Study } from "../../model/indicator";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import { channelStream, type Stream } from "../stream";

/** Closed bars of values a chart asks for: about what the chart's first page of bars shows. */
export const INDICATOR_HISTORY = 300;

/** Indicators computed on the server, one `indicators` topic per symbol, resolution and study. */
export class IndicatorService {
  constructor(private readonly adapter: Pick<WsAdapter, "indicators">) {}

  /** The snapshot (oldest first, then the forming bar), then every change of the forming bar. */
  values(
    symbol: string,
    resolution: string,
    study: Pick<Study, "kind" | "params">,
    history = INDICATOR_HISTORY,
  ): Stream<IndicatorPoint> {
    const params =
      Object.keys(study.params).length > 0 ? study.params : undefined;
    return channelStream(this.adapter.indicators, {
      symbol,
      resolution,
      kind: study.kind,
      history,
      ...(params ? { params } : {}),
    });
  }
}
