import { DAY_MS } from "@tradewire/client";
import type { QuoteData_Ws_Backend } from "../../clients/ws-types-generated";
import type { SimulatedInstrument } from "./catalog";
import { hash01, seedOf } from "./noise";
import { barAt, onGrid, priceAt } from "./priceModel";

/** The instrument's quote at `now`: last, bid and ask around it, and the UTC day's session. */
export function quoteAt(
  instrument: SimulatedInstrument,
  now: number,
): QuoteData_Ws_Backend {
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  const price = (t: number) => onGrid(instrument, priceAt(instrument, t));
  const last = price(now);
  const tick = instrument.info.minmov / instrument.info.pricescale;
  const bid = onGrid(instrument, last - (instrument.spreadTicks * tick) / 2);
  const ask = onGrid(instrument, bid + instrument.spreadTicks * tick);
  const session = barAt(instrument, day, DAY_MS, now);
  const prevClose = price(day - 1);
  const wobble =
    0.8 + 0.4 * hash01(seedOf(instrument.info.ticker), day / DAY_MS);
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
