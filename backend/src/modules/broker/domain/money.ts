import type { InstrumentRules } from "../../../contracts/market-data";

/** Account money is booked in cents. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Quantities keep 8 decimals: enough for crypto, and free of binary-fraction dust. */
export function roundQty(qty: number): number {
  return Math.round(qty * 1e8) / 1e8;
}

export function tickSize(instrument: InstrumentRules): number {
  return instrument.minmov / instrument.pricescale;
}

/**
 * Convert an amount in the instrument's quote currency to the account currency (USD). The only
 * non-USD quote currencies in the catalog belong to USD/xxx pairs, whose own price is the rate.
 * Null when there is no rate.
 */
export function toAccountCurrency(
  amount: number,
  instrument: InstrumentRules,
  price: number,
  accountCurrency: string,
): number | null {
  if (instrument.currency === accountCurrency) return amount;
  if (
    instrument.ticker === `${accountCurrency}${instrument.currency}` &&
    price > 0
  )
    return amount / price;
  return null;
}

/**
 * Commission per fill, in account currency: stocks $0.005 per share (at least $1), futures
 * $2.25 per contract, FX 0.2 basis points and crypto 10 basis points of the notional.
 */
export function commission(
  instrument: InstrumentRules,
  qty: number,
  notionalInAccount: number,
): number {
  switch (instrument.type) {
    case "stock":
      return cents(Math.max(1, 0.005 * qty));
    case "futures":
    case "index":
      return cents(2.25 * qty);
    case "forex":
      return cents(Math.abs(notionalInAccount) * 0.00002);
    case "crypto":
      return cents(Math.abs(notionalInAccount) * 0.001);
  }
}
