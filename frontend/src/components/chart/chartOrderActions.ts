import { closingIntent, closingText } from "../../model/closingIntent";
import { needsConfirmation } from "../../model/orderSafety";
import type { BrokerService } from "../../services/broker/BrokerService";
import { useConfirmStore } from "../../stores/confirm";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { usePositionsStore } from "../../stores/positions";
import { useSettingsStore } from "../../stores/settings";
import { useToastsStore } from "../../stores/toasts";
import { formatMoney, formatPrice, formatQty } from "../common/format";
import { reasonText } from "../../model/reasonText";
import {
  legPrice,
  lineModification,
  onTickGrid,
  orderLabel,
  type OrderLeg,
} from "./orderLineModel";

/** What the chart does with the account's lines; each answers whether something was sent. */
export interface ChartOrderActions {
  /**
   * Modify the order behind a dragged (or keyboard-moved) line (a stop-limit's `leg`: which of its
   * prices); false leaves the line to snap back.
   */
  readonly move: (
    id: string,
    price: number,
    leg?: OrderLeg,
  ) => Promise<boolean>;
  readonly cancel: (id: string) => Promise<boolean>;
}

type Broker = Pick<BrokerService, "modifyOrder" | "cancelOrder">;

/**
 * A moved line becomes a modification with the same confirmation rule as a new order (the value
 * at the new price); a declined confirmation sends nothing. Refusals are toasted with the reason.
 */
export function chartOrderActions(broker: Broker): ChartOrderActions {
  const orders = useOrdersStore();
  const positions = usePositionsStore();
  const market = useMarketStore();
  const settings = useSettingsStore();
  const confirm = useConfirmStore();
  const toasts = useToastsStore();

  async function move(
    id: string,
    price: number,
    leg?: OrderLeg,
  ): Promise<boolean> {
    const order = orders.byId[id];
    if (!order) return false;
    const precision = market.precisionOf(order.symbol);
    const tick = market.specs[order.symbol]?.tickSize ?? 10 ** -precision;
    const level = onTickGrid(price, tick, precision);
    if (!(level > 0)) return false;
    const parent =
      order.parentId === undefined ? undefined : orders.byId[order.parentId];
    const change = lineModification(order, level, parent, leg);
    if (!change) return false;
    // The same rule as the ticket: a working order against the position closes (part of) it.
    const closing = closingIntent(
      { ...order, qty: order.qty - order.filledQty },
      positions.bySymbol[order.symbol],
    );
    const intent = { notional: change.notional, closing: closing !== null };
    if (needsConfirmation(intent, settings.settings)) {
      const from = formatPrice(legPrice(order, leg), precision);
      const yes = await confirm.ask({
        title: "Move order?",
        lines: [
          `${orderLabel(order)} ${order.symbol}`,
          ...(closing ? [closingText(closing, (q) => formatQty(q))] : []),
          `${from} → ${formatPrice(level, precision)}`,
          `Value ${formatMoney(change.notional)}`,
        ],
        confirmLabel: "Move order",
      });
      if (!yes) return false;
    }
    const outcome = await broker.modifyOrder(change.orderId, change.changes);
    if (outcome.order) orders.apply(outcome.order);
    if (!outcome.ok)
      toasts.push(
        "Order not modified",
        reasonText(outcome.error.message, precision),
      );
    return outcome.ok;
  }

  async function cancel(id: string): Promise<boolean> {
    const order = orders.byId[id];
    if (!order) return false;
    const outcome = await broker.cancelOrder(id);
    if (outcome.order) orders.apply(outcome.order);
    if (!outcome.ok)
      toasts.push(
        "Order not cancelled",
        reasonText(outcome.error.message, market.precisionOf(order.symbol)),
      );
    return outcome.ok;
  }

  return { move, cancel };
}
