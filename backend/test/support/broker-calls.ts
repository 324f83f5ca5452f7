import type {
  Equity,
  ErrorBody,
  Execution,
  Order,
  Position,
  QuoteData,
} from "@tradewire/client";
import { expect } from "vitest";
import type { TradingApp } from "./trading-app";

/**
 * What POST /broker/orders answers, all fields at once: `orderId` and `order` on 201, `error` and
 * `order` on 422 and 409 (a 400 is a plain `{code, message, field}`). Read what the status promises.
 */
export interface Placement {
  orderId: string;
  order: Order;
  error: ErrorBody;
}

/**
 * The broker's REST calls as a test makes them, on the app `app()` returns when called (tests
 * start their app in `beforeAll`). `query` is a query string such as `?accountId=acc-alice-swing`.
 * The reads expect 200 so that a failed read names its status instead of a missing field.
 */
export function brokerCalls(app: () => TradingApp) {
  const read = async <T>(token: string, path: string): Promise<T> => {
    const res = await app().request<T>("GET", path, { token });
    expect(res.status, `GET ${path}`).toBe(200);
    return res.body;
  };
  return {
    /** The current quote of `symbol`, from the datafeed (no login needed). */
    quote: async (symbol: string): Promise<QuoteData> =>
      (
        await app().request<{ d: QuoteData[] }>(
          "GET",
          `/api/v1/datafeed/quotes?symbols=${symbol}`,
        )
      ).body.d[0] as QuoteData,
    /** POST an order; name `ErrorBody` as `T` where the test expects a 400. */
    place: <T = Placement>(
      token: string,
      body: Record<string, unknown>,
      query = "",
    ) =>
      app().request<T>("POST", `/api/v1/broker/orders${query}`, {
        token,
        body,
      }),
    /** PUT new values on an order; name `ErrorBody` as `T` where the test expects a 400. */
    modify: <T = Order>(
      token: string,
      id: string,
      body: Record<string, unknown>,
      query = "",
    ) =>
      app().request<T>("PUT", `/api/v1/broker/orders/${id}${query}`, {
        token,
        body,
      }),
    cancel: <T = Order>(token: string, id: string, query = "") =>
      app().request<T>("DELETE", `/api/v1/broker/orders/${id}${query}`, {
        token,
      }),
    /** Close the position in `symbol` with a market order; `query` may hold `?qty=` for part of it. */
    closePosition: <T = Placement>(token: string, symbol: string, query = "") =>
      app().request<T>("DELETE", `/api/v1/broker/positions/${symbol}${query}`, {
        token,
      }),
    order: (token: string, id: string, query = "") =>
      read<Order>(token, `/api/v1/broker/orders/${id}${query}`),
    orders: (token: string, query = "") =>
      read<Order[]>(token, `/api/v1/broker/orders${query}`),
    positions: (token: string, query = "") =>
      read<Position[]>(token, `/api/v1/broker/positions${query}`),
    /** The position in `symbol`, or undefined when the account holds none. */
    position: async (token: string, symbol: string, query = "") =>
      (await read<Position[]>(token, `/api/v1/broker/positions${query}`)).find(
        (p) => p.symbol === symbol,
      ),
    executions: async (token: string, query = "") =>
      (
        await read<{ items: Execution[] }>(
          token,
          `/api/v1/broker/executions${query}`,
        )
      ).items,
    /** The account summary's equity: balance, equity, P&L and buying power. */
    equity: async (token: string, query = "") =>
      (await read<{ equity: Equity }>(token, `/api/v1/broker/account${query}`))
        .equity,
  };
}
