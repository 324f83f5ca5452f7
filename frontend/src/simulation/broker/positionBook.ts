import { Side } from "@tradewire/client";
import type {
  Equity_Ws_Backend,
  Position_Ws_Backend,
} from "../../clients/ws-types-generated";
import { findInstrument, SIMULATED_CATALOG } from "../market/catalog";

interface Holding {
  /** Signed: positive long, negative short. */
  net: number;
  avgPrice: number;
  realizedPl: number;
  lastPrice: number;
  updateTime: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Share of `symbol`'s notional held as margin: its SymbolInfo's `margin_rate`, all of it if unknown. */
export function marginRateOf(symbol: string): number {
  return findInstrument(SIMULATED_CATALOG, symbol)?.info.margin_rate ?? 1;
}

/** Net positions per symbol and the account's cash, as a simple paper broker keeps them. */
export class PositionBook {
  private readonly holdings = new Map<string, Holding>();
  private cash: number;
  private realized = 0;

  constructor(
    readonly accountId: string,
    readonly currency: string,
    startingBalance: number,
  ) {
    this.cash = startingBalance;
  }

  /** Books a fill; returns the symbol's position afterwards (qty 0 once flat). */
  fill(
    symbol: string,
    side: Side,
    qty: number,
    price: number,
    commission: number,
    time: number,
  ): Position_Ws_Backend {
    const h = this.holdings.get(symbol) ?? {
      net: 0,
      avgPrice: price,
      realizedPl: 0,
      lastPrice: price,
      updateTime: time,
    };
    const signed = side * qty;
    if (h.net === 0 || Math.sign(h.net) === Math.sign(signed)) {
      const size = Math.abs(h.net);
      h.avgPrice = (size * h.avgPrice + qty * price) / (size + qty);
    } else {
      const closed = Math.min(qty, Math.abs(h.net));
      const pl = closed * (price - h.avgPrice) * Math.sign(h.net);
      h.realizedPl += pl;
      this.realized += pl;
      this.cash += pl;
      // Reversing through zero opens the remainder at the fill price.
      if (qty > Math.abs(h.net)) h.avgPrice = price;
    }
    h.net = round8(h.net + signed);
    h.lastPrice = price;
    h.updateTime = time;
    this.cash -= commission;
    this.holdings.set(symbol, h);
    const position = this.toWire(symbol, h);
    if (h.net === 0) this.holdings.delete(symbol);
    return position;
  }

  /** Marks every position to `price(symbol)`; returns those whose P&L changed. */
  mark(
    price: (symbol: string) => number | undefined,
    time: number,
  ): Position_Ws_Backend[] {
    const changed: Position_Ws_Backend[] = [];
    for (const [symbol, h] of this.holdings) {
      const last = price(symbol);
      if (last === undefined || last === h.lastPrice) continue;
      h.lastPrice = last;
      h.updateTime = time;
      changed.push(this.toWire(symbol, h));
    }
    return changed;
  }

  positions(): Position_Ws_Backend[] {
    return [...this.holdings].map(([symbol, h]) => this.toWire(symbol, h));
  }

  position(id: string): Position_Ws_Backend | undefined {
    return this.positions().find((p) => p.id === id);
  }

  /** Signed size held in `symbol`. */
  net(symbol: string): number {
    return this.holdings.get(symbol)?.net ?? 0;
  }

  equity(time: number): Equity_Ws_Backend {
    let unrealized = 0;
    let margin = 0;
    for (const [symbol, h] of this.holdings) {
      unrealized += (h.lastPrice - h.avgPrice) * h.net;
      margin += Math.abs(h.net) * h.lastPrice * marginRateOf(symbol);
    }
    const equity = this.cash + unrealized;
    return {
      accountId: this.accountId,
      currency: this.currency,
      balance: round2(this.cash),
      equity: round2(equity),
      unrealizedPl: round2(unrealized),
      realizedPl: round2(this.realized),
      // The real broker's margin rates (SymbolInfo's `margin_rate`), on positions only.
      buyingPower: round2(Math.max(0, equity - margin)),
      time,
    };
  }

  private toWire(symbol: string, h: Holding): Position_Ws_Backend {
    return {
      // The server names a position by its symbol too: one net position per symbol.
      id: symbol,
      symbol,
      qty: Math.abs(h.net),
      side: h.net < 0 ? Side.Sell : Side.Buy,
      avgPrice: h.avgPrice,
      lastPrice: h.lastPrice,
      unrealizedPl: round2((h.lastPrice - h.avgPrice) * h.net),
      realizedPl: round2(h.realizedPl),
      updateTime: h.updateTime,
    };
  }
}

function round8(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
