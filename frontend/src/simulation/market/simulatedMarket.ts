import type { HistoryResponse_Api_Backend } from "../../clients/api-types-generated";
import type {
  Bar_Ws_Backend,
  QuoteData_Ws_Backend,
} from "../../clients/ws-types-generated";
import {
  findInstrument,
  SIMULATED_CATALOG,
  type SimulatedInstrument,
} from "./catalog";
import { Ticker, type SimulationClock } from "../clock";
import { SimulatedError } from "../simulatedError";
import { historyOf, periodBar } from "./history";
import {
  periodBefore,
  simulatedResolution,
  type SimulatedResolution,
} from "./periods";
import { onGrid, priceAt } from "./priceModel";
import { quoteAt } from "./quote";
import { isResolution } from "../../model/resolution";

export interface SimulatedMarketOptions {
  readonly clock: SimulationClock;
  readonly catalog?: readonly SimulatedInstrument[];
  /** How often live bars and quotes move. */
  readonly tickMs?: number;
  /** How far back history goes. */
  readonly listedDays?: number;
}

/** A simulated market: deterministic history, and live bars and quotes in the wire shapes. */
export class SimulatedMarket {
  readonly catalog: readonly SimulatedInstrument[];
  private readonly clock: SimulationClock;
  private readonly ticker: Ticker;
  private readonly listedDays: number;

  constructor(options: SimulatedMarketOptions) {
    this.clock = options.clock;
    this.catalog = options.catalog ?? SIMULATED_CATALOG;
    this.ticker = new Ticker(options.clock, options.tickMs ?? 500);
    this.listedDays = options.listedDays ?? 400;
  }

  now(): number {
    return this.clock.now();
  }

  instrument(symbol: string): SimulatedInstrument {
    const found = findInstrument(this.catalog, symbol);
    if (!found)
      throw new SimulatedError(
        "UNKNOWN_SYMBOL",
        `unknown symbol ${JSON.stringify(symbol)}`,
        404,
      );
    return found;
  }

  /** The last price on the tick grid, or undefined for an unknown symbol. */
  price(symbol: string): number | undefined {
    const found = findInstrument(this.catalog, symbol);
    return found ? onGrid(found, priceAt(found, this.clock.now())) : undefined;
  }

  /** UDF `/history`: bars in [from, to) seconds, or the `countBack` bars before `to`. */
  history(
    symbol: string,
    resolution: string,
    from: number,
    to: number,
    countBack?: number,
  ): HistoryResponse_Api_Backend {
    const instrument = this.instrument(symbol);
    const size = this.barSize(resolution);
    return historyOf(
      instrument,
      size,
      { from, to, countBack },
      {
        now: this.clock.now(),
        listedDays: this.listedDays,
      },
    );
  }

  /** The quote of `symbol` now. */
  quote(symbol: string): QuoteData_Ws_Backend {
    return quoteAt(this.instrument(symbol), this.clock.now());
  }

  /** Emits the forming bar now (the snapshot) and on every tick; returns the function that stops. */
  watchBars(
    params: { readonly symbol: string; readonly resolution: string },
    emit: (bar: Bar_Ws_Backend) => void,
  ): () => void {
    const instrument = this.instrument(params.symbol);
    const size = this.barSize(params.resolution);
    // The forming bar in trading hours; when closed, the session's last bar (nothing forms).
    const send = () => {
      const now = this.clock.now();
      const period = periodBefore(instrument.info, size, now + 1);
      if (period) emit(periodBar(instrument, period, now));
    };
    send();
    return this.ticker.add(send);
  }

  /** Emits one quote per symbol now and on every tick. */
  watchQuotes(
    params: { readonly symbols: readonly string[] },
    emit: (quote: QuoteData_Ws_Backend) => void,
  ): () => void {
    if (params.symbols.length === 0 || params.symbols.length > 50)
      throw new SimulatedError(
        "INVALID_PARAMS",
        "symbols must name 1 to 50 symbols",
      );
    for (const symbol of params.symbols) this.instrument(symbol);
    const send = () => {
      for (const symbol of params.symbols) emit(this.quote(symbol));
    };
    send();
    return this.ticker.add(send);
  }

  /** Runs `listener` on every market tick, e.g. to fill orders. */
  onTick(listener: () => void): () => void {
    return this.ticker.add(listener);
  }

  /** Any period the server takes (`7`, `45`, `2D`, `3W`) but months, which it alone builds. */
  private barSize(resolution: string): SimulatedResolution {
    const size = isResolution(resolution)
      ? simulatedResolution(resolution)
      : null;
    if (size === null) {
      throw new SimulatedError(
        "UNKNOWN_RESOLUTION",
        `unsupported resolution ${JSON.stringify(resolution)}; the simulation builds 1 to 99999 minutes and 1 to 99 days or weeks (months need the server)`,
      );
    }
    return size;
  }
}
