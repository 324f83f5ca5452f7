import type { HistoryResponse_Api_Backend } from "../../clients/api-types-generated";
import type {
  Bar_Ws_Backend,
  QuoteData_Ws_Backend,
} from "../../clients/ws-types-generated";
import {
  findInstrument,
  SIMULATED_CATALOG,
  SIMULATED_RESOLUTIONS,
  type SimulatedInstrument,
} from "./catalog";
import { Ticker, type SimulationClock } from "../clock";
import { SimulatedError } from "../simulatedError";
import { hash01, seedOf } from "./noise";
import { barAt, onGrid, priceAt } from "./priceModel";
import { bucketStart, resolutionMs } from "../../model/resolution";

const DAY = 86_400_000;

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
    if (countBack === undefined && from >= to)
      throw new SimulatedError(
        "INVALID_RANGE",
        `from (${from}) must be before to (${to})`,
      );
    const now = this.clock.now();
    const listed = bucketStart(size, now - this.listedDays * DAY);
    const end = Math.min(to * 1000, now + 1);
    const floor =
      countBack === undefined ? Math.max(from * 1000, listed) : listed;
    const bars: Bar_Ws_Backend[] = [];
    for (
      let start = bucketStart(size, end - 1);
      start >= floor && (countBack === undefined || bars.length < countBack);
      start -= size
    ) {
      bars.push(barAt(instrument, start, size, now));
    }
    bars.reverse();
    if (bars.length === 0) {
      const before = bucketStart(size, Math.min(from * 1000, now + 1) - 1);
      return before >= listed
        ? { s: "no_data", nextTime: before / 1000 }
        : { s: "no_data" };
    }
    return {
      s: "ok",
      t: bars.map((b) => b.time / 1000),
      o: bars.map((b) => b.open),
      h: bars.map((b) => b.high),
      l: bars.map((b) => b.low),
      c: bars.map((b) => b.close),
      v: bars.map((b) => b.volume),
    };
  }

  /** The quote of `symbol` now. */
  quote(symbol: string): QuoteData_Ws_Backend {
    const instrument = this.instrument(symbol);
    const now = this.clock.now();
    const day = Math.floor(now / DAY) * DAY;
    const price = (t: number) => onGrid(instrument, priceAt(instrument, t));
    const last = price(now);
    const tick = instrument.info.minmov / instrument.info.pricescale;
    const bid = onGrid(instrument, last - (instrument.spreadTicks * tick) / 2);
    const ask = onGrid(instrument, bid + instrument.spreadTicks * tick);
    const session = barAt(instrument, day, DAY, now);
    const prevClose = price(day - 1);
    const wobble =
      0.8 + 0.4 * hash01(seedOf(instrument.info.ticker), day / DAY);
    return {
      s: "ok",
      n: instrument.info.ticker,
      v: {
        lp: last,
        bid,
        ask,
        spread: onGrid(instrument, ask - bid),
        ch: onGrid(instrument, last - prevClose),
        chp: Number((((last - prevClose) / prevClose) * 100).toFixed(2)),
        open_price: session.open,
        high_price: Math.max(session.high, last),
        low_price: Math.min(session.low, last),
        prev_close_price: prevClose,
        volume: Math.round(session.volume * wobble),
        short_name: instrument.info.ticker,
        exchange: instrument.info.exchange,
        description: instrument.info.description,
        original_name: instrument.info.full_name ?? instrument.info.ticker,
      },
    };
  }

  /** Emits the forming bar now (the snapshot) and on every tick; returns the function that stops. */
  watchBars(
    params: { readonly symbol: string; readonly resolution: string },
    emit: (bar: Bar_Ws_Backend) => void,
  ): () => void {
    const instrument = this.instrument(params.symbol);
    const size = this.barSize(params.resolution);
    const send = () => {
      const now = this.clock.now();
      emit(barAt(instrument, bucketStart(size, now), size, now));
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

  private barSize(resolution: string): number {
    const size = resolutionMs(resolution);
    if (size === null || !SIMULATED_RESOLUTIONS.includes(resolution)) {
      throw new SimulatedError(
        "UNKNOWN_RESOLUTION",
        `unsupported resolution ${JSON.stringify(resolution)}; supported: ${SIMULATED_RESOLUTIONS.join(", ")}`,
      );
    }
    return size;
  }
}
