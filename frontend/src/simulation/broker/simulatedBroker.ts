import { OrderStatus, OrderType } from "@tradewire/client";
import type {
  ExecutionPage_Api_Backend,
  ModifyOrderRequest_Api_Backend,
  PlaceOrderRequest_Api_Backend,
  PlaceOrderResult_Api_Backend,
} from "../../clients/api-types-generated";
import type { Order_Ws_Backend } from "../../clients/ws-types-generated";
import type { SimulationClock } from "../clock";
import { SimulatedAccount } from "./account";
import { addBrackets, opposite, settleBrackets } from "./brackets";
import { SimulatedError } from "../simulatedError";
import { decideFill } from "./fills";
import {
  validateBracket,
  validateModify,
  validatePlace,
  validateStop,
} from "./orderRules";
import { marginRateOf } from "./positionBook";
import type { PriceSource } from "./priceSource";

export interface SimulatedBrokerOptions {
  readonly clock: SimulationClock;
  readonly prices: PriceSource;
  readonly accountId?: string;
  readonly currency?: string;
  readonly startingBalance?: number;
}

/**
 * A paper broker in the browser: the broker's REST operations, wire-typed, and the matching that
 * fills working orders as prices move. Its account (`account`) holds the books and the streams.
 */
export class SimulatedBroker {
  readonly account: SimulatedAccount;
  private readonly triggered = new Set<string>();
  private readonly byClientId = new Map<string, PlaceOrderResult_Api_Backend>();
  private stopTicking: (() => void) | undefined;

  constructor(private readonly options: SimulatedBrokerOptions) {
    this.account = new SimulatedAccount({
      now: () => this.now(),
      accountId: options.accountId ?? "demo-account",
      currency: options.currency ?? "USD",
      startingBalance: options.startingBalance ?? 100_000,
      onWatch: () => this.ensureTicking(),
    });
  }

  private get orders() {
    return this.account.orders;
  }

  private get book() {
    return this.account.book;
  }

  place(req: PlaceOrderRequest_Api_Backend): PlaceOrderResult_Api_Backend {
    const { prices } = this.options;
    validatePlace(req, prices.tickSize(req.symbol), prices.lotSize(req.symbol));
    const known = req.clientOrderId && this.byClientId.get(req.clientOrderId);
    if (known) return known;
    prices.watch(req.symbol);
    const entry = req.limitPrice ?? req.stopPrice ?? prices.price(req.symbol);
    const last = prices.price(req.symbol);
    if (last !== undefined) validateStop(req.side, req.stopPrice, last);
    if (entry !== undefined)
      validateBracket(req.side, entry, req.takeProfit, req.stopLoss);
    const { clientOrderId, limitPrice, stopPrice, takeProfit, stopLoss } = req;
    const order = this.orders.record({
      symbol: req.symbol,
      type: req.type,
      side: req.side,
      qty: req.qty,
      status: OrderStatus.Working,
      duration: req.duration ?? { type: "DAY" },
      ...defined({
        clientOrderId,
        limitPrice,
        stopPrice,
        takeProfit,
        stopLoss,
      }),
    });
    const buyingPower = this.book.equity(this.now()).buyingPower;
    const adds = this.book.net(req.symbol) * req.side >= 0;
    const needs =
      entry === undefined ? 0 : req.qty * entry * marginRateOf(req.symbol);
    if (adds && needs > buyingPower) {
      const message = `the order needs ${needs.toFixed(2)} of buying power; ${buyingPower.toFixed(2)} is available`;
      const rejected = this.orders.update(order.id, {
        status: OrderStatus.Rejected,
        rejectReason: message,
      });
      throw new SimulatedError(
        "INSUFFICIENT_BUYING_POWER",
        message,
        422,
        "qty",
        rejected,
      );
    }
    addBrackets(this.orders, order, takeProfit, stopLoss);
    this.evaluate(order);
    this.ensureTicking();
    const result = { orderId: order.id, order: this.orders.require(order.id) };
    if (clientOrderId) this.byClientId.set(clientOrderId, result);
    return result;
  }

  modify(id: string, req: ModifyOrderRequest_Api_Backend): Order_Ws_Backend {
    const order = this.orders.live(id);
    validateModify(
      req,
      order.type,
      this.options.prices.tickSize(order.symbol) ?? 0.01,
      order.symbol,
      this.options.prices.lotSize(order.symbol),
    );
    this.evaluate(this.orders.update(id, { ...req }));
    return this.orders.require(id);
  }

  cancel(id: string): Order_Ws_Backend {
    this.orders.live(id);
    for (const child of this.orders.children(id))
      this.orders.update(child.id, { status: OrderStatus.Canceled });
    return this.orders.update(id, { status: OrderStatus.Canceled });
  }

  closePosition(
    positionId: string,
    qty?: number,
  ): PlaceOrderResult_Api_Backend {
    const position = this.book.position(positionId);
    if (!position)
      throw new SimulatedError("NOT_FOUND", `no position ${positionId}`, 404);
    if (qty !== undefined && (qty <= 0 || qty > position.qty))
      throw new SimulatedError(
        "INVALID_ORDER",
        `qty must be in (0, ${position.qty}]`,
        400,
        "qty",
      );
    return this.place({
      symbol: position.symbol,
      type: OrderType.Market,
      side: opposite(position.side),
      qty: qty ?? position.qty,
    });
  }

  listExecutions(before?: number, limit?: number): ExecutionPage_Api_Backend {
    return this.account.fills.page(before, limit);
  }

  private now(): number {
    return this.options.clock.now();
  }

  private ensureTicking(): void {
    this.stopTicking ??= this.options.prices.onTick(() => this.tick());
  }

  /** Works orders and marks positions; stops ticking once nobody watches and nothing works. */
  private tick(): void {
    for (const order of this.orders.working()) this.evaluate(order);
    const { prices } = this.options;
    this.account.mark((s) => prices.price(s));
    if (!this.account.watched && this.orders.working().length === 0) {
      this.stopTicking?.();
      this.stopTicking = undefined;
    }
  }

  private evaluate(order: Order_Ws_Backend): void {
    if (order.status !== OrderStatus.Working) return;
    const last = this.options.prices.price(order.symbol);
    if (last === undefined) return;
    const decision = decideFill(order, last, this.triggered.has(order.id));
    if (decision.trigger) this.triggered.add(order.id);
    if (decision.price !== undefined) this.fill(order, decision.price);
  }

  private fill(order: Order_Ws_Backend, price: number): void {
    const commission = Math.max(
      0.01,
      Math.round(order.qty * price * 0.0001 * 100) / 100,
    );
    const position = this.account.fill(order, price, commission);
    settleBrackets(this.orders, order, position.id);
  }
}

/** The fields that are set, so optional wire fields stay absent rather than undefined. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
