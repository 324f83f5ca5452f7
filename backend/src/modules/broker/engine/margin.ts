import { OrderStatus, Side, type QuoteData } from "@tradewire/client";
import type { InstrumentRules } from "../../../contracts/market-data";
import { commission, roundQty, toAccountCurrency } from "../domain/money";
import { unrealizedQuote, type PositionState } from "../domain/positions";
import type { BookOrder } from "../store/rows";

export type InstrumentLookup = (symbol: string) => InstrumentRules | null;

/** What an account's risk is computed from: the book, or a book with a change applied. */
export interface RiskState {
  readonly currency: string;
  readonly balance: number;
  readonly positions: ReadonlyMap<string, PositionState>;
  /** Any orders; only the working ones count. */
  readonly orders: Iterable<BookOrder>;
  readonly marks: ReadonlyMap<string, QuoteData>;
}

/** An account valued at the latest quotes, in its currency. */
export interface AccountRisk {
  readonly unrealized: number;
  /** balance + unrealized. */
  readonly equity: number;
  /** Margin of the open positions, marked where a close would trade. */
  readonly positionMargin: number;
  /** Held for working orders that would add exposure (what they would cost if they filled). */
  readonly orderMargin: number;
  readonly requirement: number;
  /** equity - requirement; negative when prices moved against the account. */
  readonly buyingPower: number;
}

/**
 * One claim on a side of a symbol: a working order, or a bracket pair, of which only one can fill
 * (OCO), so it counts once, as whichever of the two would cost more.
 */
interface Claim {
  readonly side: Side;
  readonly options: {
    readonly qty: number;
    /** Where it would fill: its limit, else its stop; null for a working market order. */
    readonly price: number | null;
  }[];
}

/**
 * Value the account. Working orders are margined per symbol and side, all together: the orders
 * of a side first use up what the opposite position lets them reduce (the cheapest to open first,
 * so the dearest carry the margin), and every quantity past that is an opening and pays its
 * margin at the order's price plus the spread and commission its fill would cost. Cancelling an
 * order can therefore only give buying power back.
 */
export function assess(
  state: RiskState,
  lookup: InstrumentLookup,
): AccountRisk {
  const { currency, marks } = state;
  let unrealized = 0;
  let positionMargin = 0;
  for (const [symbol, position] of state.positions) {
    if (position.netQty === 0) continue;
    const instrument = lookup(symbol);
    if (!instrument) continue;
    const mark =
      markOf(marks.get(symbol), position.netQty) ?? position.avgPrice;
    unrealized += toAccount(
      unrealizedQuote(position, mark, instrument.pointValue),
      instrument,
      mark,
      currency,
    );
    positionMargin += margin(
      Math.abs(position.netQty),
      mark,
      instrument,
      currency,
    );
  }
  let orderMargin = 0;
  for (const [symbol, claims] of claimsBySymbol(state.orders)) {
    const instrument = lookup(symbol);
    if (!instrument) continue;
    orderMargin += reserved(
      claims,
      state.positions.get(symbol)?.netQty ?? 0,
      instrument,
      marks.get(symbol),
      currency,
    );
  }
  const equity = state.balance + unrealized;
  const requirement = positionMargin + orderMargin;
  return {
    unrealized,
    equity,
    positionMargin,
    orderMargin,
    requirement,
    buyingPower: equity - requirement,
  };
}

/** Where a position is marked: the bid for a long, the ask for a short (what a close would get). */
export function markOf(
  quote: QuoteData | undefined,
  netQty: number,
): number | null {
  if (!quote) return null;
  return netQty < 0 ? quote.v.ask : quote.v.bid;
}

function claimsBySymbol(orders: Iterable<BookOrder>): Map<string, Claim[]> {
  const bySymbol = new Map<string, Claim[]>();
  const pairs = new Map<string, Claim>();
  for (const { order } of orders) {
    if (order.status !== OrderStatus.Working) continue;
    const qty = roundQty(order.qty - order.filledQty);
    if (qty <= 0) continue;
    const option = { qty, price: order.limitPrice ?? order.stopPrice ?? null };
    const pairKey =
      order.parentId !== undefined
        ? `${order.symbol}\n${order.parentId}\n${order.side}`
        : null;
    const paired = pairKey !== null ? pairs.get(pairKey) : undefined;
    if (paired) {
      paired.options.push(option);
      continue;
    }
    const claim: Claim = { side: order.side, options: [option] };
    if (pairKey !== null) pairs.set(pairKey, claim);
    let list = bySymbol.get(order.symbol);
    if (!list) bySymbol.set(order.symbol, (list = []));
    list.push(claim);
  }
  return bySymbol;
}

function reserved(
  claims: readonly Claim[],
  netQty: number,
  instrument: InstrumentRules,
  quote: QuoteData | undefined,
  currency: string,
): number {
  const spread = quote ? Math.max(0, quote.v.ask - quote.v.bid) : 0;
  let total = 0;
  for (const side of [Side.Buy, Side.Sell]) {
    const market = quote ? (side === Side.Buy ? quote.v.ask : quote.v.bid) : 0;
    const cost = (qty: number, price: number) =>
      openingCost(qty, price, side, spread, instrument, currency);
    const ranked = claims
      .filter((c) => c.side === side)
      .map((c) => {
        const priced = c.options.map((o) => ({
          qty: o.qty,
          price: o.price ?? market,
          full: cost(o.qty, o.price ?? market),
        }));
        return priced.reduce((a, b) => (b.full > a.full ? b : a));
      })
      .sort((a, b) => a.full / a.qty - b.full / b.qty);
    let reducible = Math.sign(netQty) === -side ? Math.abs(netQty) : 0;
    for (const claim of ranked) {
      const reducing = Math.min(reducible, claim.qty);
      reducible = roundQty(reducible - reducing);
      const opening = roundQty(claim.qty - reducing);
      if (opening > 0) total += cost(opening, claim.price);
    }
  }
  return total;
}

/**
 * What opening `qty` at `price` would take from buying power: margin where the new position would
 * be marked (a short at the ask, a spread above its fill), the spread it would lose at once, and
 * the commission.
 */
function openingCost(
  qty: number,
  price: number,
  side: Side,
  spread: number,
  instrument: InstrumentRules,
  currency: string,
): number {
  const markedAt = side === Side.Buy ? price : price + spread;
  const spreadCost = notional(qty, spread, instrument, price, currency);
  const fee = commission(
    instrument,
    qty,
    notional(qty, price, instrument, price, currency),
  );
  return margin(qty, markedAt, instrument, currency) + spreadCost + fee;
}

function margin(
  qty: number,
  price: number,
  instrument: InstrumentRules,
  currency: string,
): number {
  return (
    notional(qty, price, instrument, price, currency) * instrument.marginRate
  );
}

/** The size, in the account's currency, of `qty` at `perUnit` a unit, converted at `price`. */
function notional(
  qty: number,
  perUnit: number,
  instrument: InstrumentRules,
  price: number,
  currency: string,
): number {
  return Math.abs(
    toAccount(
      qty * perUnit * instrument.pointValue,
      instrument,
      price,
      currency,
    ),
  );
}

function toAccount(
  amount: number,
  instrument: InstrumentRules,
  price: number,
  currency: string,
): number {
  return toAccountCurrency(amount, instrument, price, currency) ?? 0;
}
