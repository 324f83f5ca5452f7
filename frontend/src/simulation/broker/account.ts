import { ConnectionStatus, OrderStatus } from "@tradewire/client";
import type {
  BrokerConnection_Ws_Backend,
  Equity_Ws_Backend,
  Execution_Ws_Backend,
  Order_Ws_Backend,
  Position_Ws_Backend,
} from "../../clients/ws-types-generated";
import { Fanout } from "../fanout";
import { ExecutionLog } from "./executionLog";
import { OrderLedger } from "./orderLedger";
import { PositionBook } from "./positionBook";

export interface AccountOptions {
  readonly now: () => number;
  readonly accountId: string;
  readonly currency: string;
  readonly startingBalance: number;
  /** Someone started following a stream: prices must move for marks and fills. */
  readonly onWatch: () => void;
}

/**
 * The simulated account's books (orders, fills, positions and cash) and its streams, each a
 * snapshot then live changes, as the server's state channels; executions replay after `since`.
 */
export class SimulatedAccount {
  readonly orders: OrderLedger;
  readonly fills = new ExecutionLog();
  readonly book: PositionBook;
  private readonly positions = new Fanout<Position_Ws_Backend>();
  private readonly equity = new Fanout<Equity_Ws_Backend>();

  constructor(private readonly options: AccountOptions) {
    this.orders = new OrderLedger(options.now);
    this.book = new PositionBook(
      options.accountId,
      options.currency,
      options.startingBalance,
    );
  }

  /** True while a state stream has a listener. */
  get watched(): boolean {
    return this.orders.stream.size + this.positions.size + this.equity.size > 0;
  }

  /** Books `order` filled at `price`; answers the symbol's position afterwards. */
  fill(
    order: Order_Ws_Backend,
    price: number,
    commission: number,
  ): Position_Ws_Backend {
    const time = this.options.now();
    const { symbol, side, qty } = order;
    this.orders.update(order.id, {
      status: OrderStatus.Filled,
      filledQty: qty,
      avgPrice: price,
    });
    const position = this.book.fill(symbol, side, qty, price, commission, time);
    this.fills.append({
      orderId: order.id,
      symbol,
      side,
      qty,
      price,
      commission,
      time,
    });
    this.positions.emit(position);
    this.equity.emit(this.book.equity(time));
    return position;
  }

  /** Marks every position to `price(symbol)`, sending those that changed and the equity. */
  mark(price: (symbol: string) => number | undefined): void {
    const time = this.options.now();
    const marked = this.book.mark(price, time);
    for (const position of marked) this.positions.emit(position);
    if (marked.length > 0) this.equity.emit(this.book.equity(time));
  }

  watchOrders(emit: (o: Order_Ws_Backend) => void): () => void {
    return this.watch(this.orders.stream.add(emit, this.orders.list()));
  }

  watchPositions(emit: (p: Position_Ws_Backend) => void): () => void {
    return this.watch(this.positions.add(emit, this.book.positions()));
  }

  watchExecutions(
    since: number | undefined,
    emit: (x: Execution_Ws_Backend) => void,
  ): () => void {
    return this.watch(
      this.fills.stream.add(
        emit,
        since === undefined ? [] : this.fills.after(since),
      ),
    );
  }

  watchEquity(emit: (e: Equity_Ws_Backend) => void): () => void {
    const snapshot = this.book.equity(this.options.now());
    return this.watch(this.equity.add(emit, [snapshot]));
  }

  watchConnection(emit: (c: BrokerConnection_Ws_Backend) => void): () => void {
    emit({
      status: ConnectionStatus.Connected,
      message: "Simulated broker",
      time: this.options.now(),
    });
    return () => undefined;
  }

  private watch(stop: () => void): () => void {
    this.options.onWatch();
    return stop;
  }
}
