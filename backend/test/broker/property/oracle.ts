import { OrderStatus, type Execution } from "@tradewire/client";
import type { AccountBook } from "../../../src/modules/broker/engine/account-book";
import type { ControlledMarket } from "../../support/controlled-market";

/**
 * The test's own arithmetic, written from README's account model and not from the engine's code:
 * what the broker's figures are checked against.
 */

/** Share of notional held as margin, per README. */
const RATE: Readonly<Record<string, number>> = {
  stock: 0.5,
  crypto: 0.5,
  futures: 0.05,
  index: 0.05,
  forex: 1 / 30,
};

/** An amount in the instrument's quote currency, in USD: USD/xxx pairs convert at their own price. */
function usd(amount: number, currency: string, price: number): number {
  return currency === "USD" ? amount : amount / price;
}

const cents = (x: number) => Math.round(x * 100) / 100;
const round8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** Equity minus the margin of the open positions, marked where a close would trade. */
export function freeMargin(
  book: AccountBook,
  market: ControlledMarket,
): number {
  let equity = book.balance;
  let margin = 0;
  for (const [symbol, p] of book.positions) {
    if (p.netQty === 0) continue;
    const rules = market.instrument(symbol);
    if (!rules) throw new Error(`no instrument ${symbol}`);
    const q = market.current(symbol).v;
    const mark = p.netQty > 0 ? q.bid : q.ask;
    equity += usd(
      (mark - p.avgPrice) * p.netQty * rules.pointValue,
      rules.currency,
      mark,
    );
    margin +=
      usd(Math.abs(p.netQty) * mark * rules.pointValue, rules.currency, mark) *
      (RATE[rules.type] ?? 1);
  }
  return equity - margin;
}

/**
 * The least margin the working orders must hold: per symbol and side, what they add past the
 * opposite position (a bracket pair counts once), at the lowest of their prices.
 */
export function reserveFloor(
  book: AccountBook,
  market: ControlledMarket,
): number {
  const sides = new Map<string, { qty: number; low: number }>();
  const pairs = new Set<string>();
  for (const { order } of book.orders.values()) {
    if (order.status !== OrderStatus.Working) continue;
    if (order.parentId !== undefined) {
      const pair = `${order.parentId}\n${order.side}`;
      if (pairs.has(pair)) continue;
      pairs.add(pair);
    }
    const q = market.current(order.symbol).v;
    const price =
      order.limitPrice ?? order.stopPrice ?? (order.side === 1 ? q.ask : q.bid);
    const key = `${order.symbol}\n${order.side}`;
    const side = sides.get(key) ?? { qty: 0, low: Infinity };
    side.qty += order.qty - order.filledQty;
    side.low = Math.min(side.low, price);
    sides.set(key, side);
  }
  let floor = 0;
  for (const [key, side] of sides) {
    const [symbol = "", sideText = "1"] = key.split("\n");
    const rules = market.instrument(symbol);
    if (!rules) continue;
    const net = book.position(symbol).netQty;
    const reducible = Math.sign(net) === -Number(sideText) ? Math.abs(net) : 0;
    const excess = Math.max(0, side.qty - reducible);
    floor +=
      usd(excess * side.low * rules.pointValue, rules.currency, side.low) *
      (RATE[rules.type] ?? 1);
  }
  return floor;
}

export interface ReplayedPosition {
  netQty: number;
  avgPrice: number;
  realizedPl: number;
}

/**
 * Positions and money from the executions alone, in sequence: netting with an average price,
 * realizing on the reduced part, and the balance moving by realized P&L minus commission.
 */
export function replay(
  executions: readonly Execution[],
  market: ControlledMarket,
): {
  positions: Map<string, ReplayedPosition>;
  realized: number;
  commissions: number;
} {
  const positions = new Map<string, ReplayedPosition>();
  let realized = 0;
  let commissions = 0;
  for (const e of [...executions].sort((a, b) => a.sequence - b.sequence)) {
    const rules = market.instrument(e.symbol);
    if (!rules) throw new Error(`no instrument ${e.symbol}`);
    const p = positions.get(e.symbol) ?? {
      netQty: 0,
      avgPrice: 0,
      realizedPl: 0,
    };
    const next = round8(p.netQty + e.side * e.qty);
    if (p.netQty === 0 || Math.sign(p.netQty) === e.side) {
      p.avgPrice =
        (Math.abs(p.netQty) * p.avgPrice + e.qty * e.price) / Math.abs(next);
    } else {
      const closed = Math.min(e.qty, Math.abs(p.netQty));
      const gain = cents(
        usd(
          (e.price - p.avgPrice) *
            closed *
            Math.sign(p.netQty) *
            rules.pointValue,
          rules.currency,
          e.price,
        ),
      );
      p.realizedPl += gain;
      realized += gain;
      if (next === 0) p.avgPrice = 0;
      else if (Math.sign(next) !== Math.sign(p.netQty)) p.avgPrice = e.price;
    }
    p.netQty = next;
    commissions += e.commission;
    positions.set(e.symbol, p);
  }
  return { positions, realized, commissions };
}

/** Every number in `value` (deeply) that is NaN or infinite, with its path. */
export function nonFinite(value: unknown, path = ""): string[] {
  if (typeof value === "number")
    return Number.isFinite(value) ? [] : [`${path}=${String(value)}`];
  if (value instanceof Map)
    return [...value.entries()].flatMap(([k, v]) =>
      nonFinite(v, `${path}.${String(k)}`),
    );
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) =>
      nonFinite(v, path ? `${path}.${k}` : k),
    );
  return [];
}
