import { OrderStatus, OrderType, ParentType, Side } from "@tradewire/client";
import type { Order_Ws_Backend } from "../../clients/ws-types-generated";
import type { OrderLedger } from "./orderLedger";

export const opposite = (side: Side) =>
  side === Side.Buy ? Side.Sell : Side.Buy;

/**
 * Take-profit and stop-loss as TradingView brackets: child orders on the other side, Inactive
 * until the parent fills, then Working against the position; one filling cancels the other.
 */
export function addBrackets(
  ledger: OrderLedger,
  parent: Order_Ws_Backend,
  takeProfit: number | undefined,
  stopLoss: number | undefined,
): void {
  const child = (
    type: OrderType,
    prices: Partial<Order_Ws_Backend>,
    kind: string,
  ) =>
    ledger.record({
      symbol: parent.symbol,
      type,
      side: opposite(parent.side),
      qty: parent.qty,
      status: OrderStatus.Inactive,
      duration: { type: "GTC" },
      parentId: parent.id,
      parentType: ParentType.Order,
      clientOrderId: `${parent.id}-${kind}`,
      ...prices,
    });
  if (takeProfit !== undefined)
    child(OrderType.Limit, { limitPrice: takeProfit }, "takeProfit");
  if (stopLoss !== undefined)
    child(OrderType.Stop, { stopPrice: stopLoss }, "stopLoss");
}

/** After `filled` filled into `positionId`: its brackets start working, its sibling is cancelled. */
export function settleBrackets(
  ledger: OrderLedger,
  filled: Order_Ws_Backend,
  positionId: string,
): void {
  for (const child of ledger.children(filled.id)) {
    ledger.update(child.id, {
      status: OrderStatus.Working,
      parentId: positionId,
      parentType: ParentType.Position,
    });
  }
  if (filled.parentId === undefined) return;
  for (const sibling of ledger.children(filled.parentId)) {
    if (sibling.id !== filled.id)
      ledger.update(sibling.id, { status: OrderStatus.Canceled });
  }
}
