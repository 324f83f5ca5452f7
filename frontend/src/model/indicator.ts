import type {
  IndicatorKind_Ws_Backend,
  IndicatorLine_Ws_Backend,
  IndicatorParams_Ws_Backend,
  IndicatorSource_Ws_Backend,
  IndicatorValue_Ws_Backend,
} from "../clients/ws-types-generated";

export type IndicatorKind = IndicatorKind_Ws_Backend;
export type IndicatorLine = IndicatorLine_Ws_Backend;
export type IndicatorParams = IndicatorParams_Ws_Backend;
export type IndicatorSource = IndicatorSource_Ws_Backend;

/** An indicator at one bar: `time` in UTC ms as `Bar.time`; lines the kind does not draw are absent. */
export interface IndicatorPoint {
  readonly time: number;
  /** False while the bar is forming: a later point with the same time replaces it. */
  readonly closed: boolean;
  readonly lines: Readonly<Partial<Record<IndicatorLine, number>>>;
}

/** An indicator the trader put on the chart: one kind with its parameters. */
export interface Study {
  readonly id: string;
  readonly kind: IndicatorKind;
  readonly params: IndicatorParams;
}

export function toIndicatorPoint(
  wire: IndicatorValue_Ws_Backend,
): IndicatorPoint {
  const lines: Partial<Record<IndicatorLine, number>> = {};
  for (const [line, value] of Object.entries(wire.lines))
    if (typeof value === "number" && Number.isFinite(value))
      lines[line as IndicatorLine] = value;
  return { time: wire.time, closed: wire.closed, lines };
}
