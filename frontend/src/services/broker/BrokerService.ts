import type { ApiFailure } from "../../model/apiError";
import type { BrokerConnection } from "../../model/brokerConnection";
import type { Equity } from "../../model/equity";
import { toExecution, type Execution } from "../../model/execution";
import { toOrder, type Order } from "../../model/order";
import {
  toModifyOrderRequest,
  toPlaceOrderRequest,
  type OrderChanges,
  type OrderTicket,
} from "../../model/orderRequest";
import type { Position } from "../../model/position";
import type { ChannelError } from "../../transport/ws/channel";
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import { isApiError } from "../../transport/rest/call";
import type { BrokerApi } from "../../transport/rest/brokerApi";

/** The result of a broker action: the order, or why it failed (with the rejected order, if any). */
export type BrokerOutcome =
  | { readonly ok: true; readonly order: Order }
  | { readonly ok: false; readonly error: ApiFailure; readonly order?: Order };

/** Where the account streams go: usually the Pinia stores. */
export interface AccountSink {
  order(order: Order): void;
  position(position: Position): void;
  /** The newest page of past executions, before the live ones. */
  executionHistory(executions: Execution[]): void;
  execution(execution: Execution): void;
  equity(equity: Equity): void;
  brokerConnection(connection: BrokerConnection): void;
  /** A stream was refused or ended (e.g. UNAUTHORIZED). */
  streamError?(channel: string, error: ChannelError): void;
}

const HISTORY_PAGE = 100;
const STREAM_ID = "broker-service";

/**
 * Orders go out over REST; everything the account does comes back over the socket, so a store
 * fed by `connect` is the single source of truth and the REST answers only report the outcome.
 */
export class BrokerService {
  constructor(
    private readonly api: BrokerApi,
    private readonly adapter: Pick<
      WsAdapter,
      "orders" | "positions" | "executions" | "equity" | "brokerConnection"
    >,
  ) {}

  placeOrder(ticket: OrderTicket): Promise<BrokerOutcome> {
    return this.outcome(async () => {
      const result = await this.api.placeOrder(toPlaceOrderRequest(ticket));
      return result.order;
    });
  }

  modifyOrder(orderId: string, changes: OrderChanges): Promise<BrokerOutcome> {
    return this.outcome(() =>
      this.api.modifyOrder(orderId, toModifyOrderRequest(changes)),
    );
  }

  cancelOrder(orderId: string): Promise<BrokerOutcome> {
    return this.outcome(() => this.api.cancelOrder(orderId));
  }

  /** Closes the position with a market order, fully or by `qty`; answers that order. */
  closePosition(positionId: string, qty?: number): Promise<BrokerOutcome> {
    return this.outcome(
      async () => (await this.api.closePosition(positionId, qty)).order,
    );
  }

  /**
   * Streams the account into `sink`: past executions first (REST), then every stream. Executions
   * resume after the newest one loaded, so none is missed or repeated. Returns the stop function.
   */
  async connect(sink: AccountSink): Promise<() => void> {
    const { adapter } = this;
    const failed = (channel: string) => (error: ChannelError) =>
      sink.streamError?.(channel, error);
    void adapter.orders.subscribe(
      STREAM_ID,
      {},
      (o) => sink.order(o),
      failed("orders"),
    );
    void adapter.positions.subscribe(
      STREAM_ID,
      {},
      (p) => sink.position(p),
      failed("positions"),
    );
    void adapter.equity.subscribe(
      STREAM_ID,
      {},
      (e) => sink.equity(e),
      failed("equity"),
    );
    void adapter.brokerConnection.subscribe(
      STREAM_ID,
      {},
      (c) => sink.brokerConnection(c),
      failed("broker-connection"),
    );
    const history = await this.api
      .listExecutions(undefined, HISTORY_PAGE)
      .then((page) => page.items.map(toExecution))
      .catch(() => [] as Execution[]);
    sink.executionHistory(history);
    const since = history.reduce((max, x) => Math.max(max, x.sequence), 0);
    void adapter.executions.subscribe(
      STREAM_ID,
      since > 0 ? { since } : {},
      (x) => sink.execution(x),
      failed("executions"),
    );
    return () => {
      adapter.orders.unsubscribe(STREAM_ID);
      adapter.positions.unsubscribe(STREAM_ID);
      adapter.equity.unsubscribe(STREAM_ID);
      adapter.brokerConnection.unsubscribe(STREAM_ID);
      adapter.executions.unsubscribe(STREAM_ID);
    };
  }

  private async outcome(
    action: () => Promise<Parameters<typeof toOrder>[0]>,
  ): Promise<BrokerOutcome> {
    try {
      return { ok: true, order: toOrder(await action()) };
    } catch (error) {
      if (!isApiError(error)) throw error;
      return {
        ok: false,
        error: error.failure,
        ...(error.order === undefined ? {} : { order: toOrder(error.order) }),
      };
    }
  }
}
