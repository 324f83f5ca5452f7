import type { PanelSizes_Api_Backend } from "../../clients/api-types-generated";

export type PanelSizes = Required<PanelSizes_Api_Backend>;

/** The spec's smallest sizes (`PanelSizes`), and what the chart keeps at least. */
export const MIN_SIZES: PanelSizes = {
  watchlistWidth: 160,
  ticketWidth: 220,
  accountHeight: 120,
};
export const MAX_SIZES: PanelSizes = {
  watchlistWidth: 1200,
  ticketWidth: 1200,
  accountHeight: 2000,
};
/** Room for the chart's toolbar on one line, as well as its bars. */
export const MIN_CHART_WIDTH = 480;
export const MIN_CHART_HEIGHT = 200;
/** The top bar, the splitters and the padding around the grid. */
export const TOP_BAR_HEIGHT = 44;
export const SPLITTER = 6;
/** Below this width the terminal stacks its panels in one scrolling column. */
export const NARROW_WIDTH = 900;

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

const clamp = (value: number, low: number, high: number) =>
  Math.round(Math.max(low, Math.min(Math.max(low, high), value)));

/**
 * Saved sizes made to fit the window: the chart keeps its minimum and the side panels shrink in
 * proportion (a size saved on a 4K screen still fits a 1024 px one), never below the spec's minimums.
 */
export function clampPanels(sizes: PanelSizes, viewport: Viewport): PanelSizes {
  const columns = viewport.width - MIN_CHART_WIDTH - 2 * SPLITTER - 4;
  let watchlist = clamp(
    sizes.watchlistWidth,
    MIN_SIZES.watchlistWidth,
    MAX_SIZES.watchlistWidth,
  );
  let ticket = clamp(
    sizes.ticketWidth,
    MIN_SIZES.ticketWidth,
    MAX_SIZES.ticketWidth,
  );
  if (watchlist + ticket > columns) {
    const scale = columns / (watchlist + ticket);
    watchlist = clamp(
      watchlist * scale,
      MIN_SIZES.watchlistWidth,
      columns - MIN_SIZES.ticketWidth,
    );
    ticket = clamp(
      columns - watchlist,
      MIN_SIZES.ticketWidth,
      MAX_SIZES.ticketWidth,
    );
  }
  const rows = viewport.height - TOP_BAR_HEIGHT - MIN_CHART_HEIGHT - SPLITTER;
  const accountHeight = clamp(
    sizes.accountHeight,
    MIN_SIZES.accountHeight,
    Math.min(MAX_SIZES.accountHeight, rows),
  );
  return { watchlistWidth: watchlist, ticketWidth: ticket, accountHeight };
}

/** The largest a panel may be in this window, given the others' sizes. */
export function maxSizes(sizes: PanelSizes, viewport: Viewport): PanelSizes {
  const columns = viewport.width - MIN_CHART_WIDTH - 2 * SPLITTER - 4;
  return {
    watchlistWidth: clamp(
      columns - sizes.ticketWidth,
      MIN_SIZES.watchlistWidth,
      MAX_SIZES.watchlistWidth,
    ),
    ticketWidth: clamp(
      columns - sizes.watchlistWidth,
      MIN_SIZES.ticketWidth,
      MAX_SIZES.ticketWidth,
    ),
    accountHeight: clamp(
      viewport.height - TOP_BAR_HEIGHT - MIN_CHART_HEIGHT - SPLITTER,
      MIN_SIZES.accountHeight,
      MAX_SIZES.accountHeight,
    ),
  };
}
