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
import type { WsAdapter } from "../../transport/ws/wsAdapter";
import { isApiError } from "../../transport/rest/call";
import type { BrokerApi } from "../../transport/rest/brokerApi";
import { channelStream, type Stream } from "../stream";

/** The result of a broker action: the order, or why it failed (with the rejected order, if any). */
export type BrokerOutcome =
  | { readonly ok: true; readonly order: Order }
  | { readonly ok: false; readonly error: ApiFailure; readonly order?: Order };

const HISTORY_PAGE = 100;

/**
 * Orders go out over REST; everything the account does comes back on the streams, so a store fed
 * by them is the single source of truth and the REST answers only report the outcome.
 */
export class BrokerService {
  readonly orders: Stream<Order>;
  readonly positions: Stream<Position>;
  readonly equity: Stream<Equity>;
  readonly brokerConnection: Stream<BrokerConnection>;
  /**
   * The newest page of past executions (REST) as one batch, then each new execution as a batch
   * of one. The live stream resumes after the newest one loaded, so none is missed or repeated.
   */
  readonly executions: Stream<readonly Execution[]>;

  constructor(
    private readonly api: BrokerApi,
    adapter: Pick<
      WsAdapter,
      "orders" | "positions" | "executions" | "equity" | "brokerConnection"
    >,
  ) {
    this.orders = channelStream(adapter.orders, {});
    this.positions = channelStream(adapter.positions, {});
    this.equity = channelStream(adapter.equity, {});
    this.brokerConnection = channelStream(adapter.brokerConnection, {});
    this.executions = {
      subscribe: (listener, onError) => {
        let stopLive: (() => void) | undefined;
        let stopped = false;
        void this.loadHistory().then((history) => {
          if (stopped) return;
          listener(history);
          const since = history.reduce(
            (max, x) => Math.max(max, x.sequence),
            0,
          );
          const params = since > 0 ? { since } : {};
          stopLive = channelStream(adapter.executions, params).subscribe(
            (x) => listener([x]),
            onError,
          );
        });
        return () => {
          stopped = true;
          stopLive?.();
        };
      },
    };
  }

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

  private loadHistory(): Promise<Execution[]> {
    return this.api
      .listExecutions(undefined, HISTORY_PAGE)
      .then((page) => page.items.map(toExecution))
      .catch(() => [] as Execution[]);
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
