import type { ErrorBody } from "@tradewire/client";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../../auth/jwt";
import { ownedAccount } from "../../../auth/owned-account";
import type { Clock } from "../../../clock";
import type { Account, AccountDirectory } from "../../../contracts/accounts";
import type { MarketData } from "../../../contracts/market-data";
import { HttpError } from "../../../http/error-handlers";
import { restRoute, type RestHandler } from "../../../http/rest-route";
import { BrokerRejection } from "../domain/rejection";
import type { BrokerEngine } from "../engine/broker-engine";
import type { Placement } from "../engine/placement-result";
import type { BrokerStore } from "../store/broker-store";

/** The broker's operations: each acts on one of the caller's own accounts. */
type BrokerOperation =
  | "getAccountSummary"
  | "listOrders"
  | "placeOrder"
  | "getOrder"
  | "modifyOrder"
  | "cancelOrder"
  | "listPositions"
  | "closePosition"
  | "listExecutions";

export interface BrokerRouteDeps {
  readonly engine: BrokerEngine;
  readonly store: BrokerStore;
  readonly accounts: AccountDirectory;
  readonly market: MarketData;
  readonly auth: JwtAuth;
  readonly clock: Clock;
}

const ORDER_LIST_LIMIT = 500;
const STATUS_OF: Partial<Record<string, number>> = {
  NOT_FOUND: 404,
  ORDER_NOT_MODIFIABLE: 409,
  INSUFFICIENT_BUYING_POWER: 422,
  // Only raised when other instances kept committing to the account first (engine MAX_ATTEMPTS).
  INTERNAL_ERROR: 503,
};

/**
 * Broker REST under /api/v1/broker. Every call acts on one of the caller's own accounts: the
 * token's, or the one `accountId` names; naming any other answers 404, exactly like a missing one.
 */
export function registerBrokerRoutes(
  app: FastifyInstance,
  deps: BrokerRouteDeps,
): void {
  const { engine, store, accounts, market, auth, clock } = deps;

  /** The account the request acts on, checked against the caller's own accounts. */
  const account = async ({
    request,
    query,
  }: {
    request: FastifyRequest;
    query: { accountId?: string };
  }): Promise<Account> =>
    ownedAccount(request, query.accountId, auth, accounts);

  /** Bind a broker operation, answering the engine's rejections as HTTP errors. */
  const route = <K extends BrokerOperation>(
    id: K,
    handler: RestHandler<K>,
  ): void => {
    restRoute(app, id, async (context) => {
      try {
        return await handler(context);
      } catch (err) {
        if (err instanceof BrokerRejection)
          throw new HttpError(
            STATUS_OF[err.code] ?? 400,
            err.code,
            err.message,
            err.field,
          );
        throw err;
      }
    });
  };

  route("getAccountSummary", async (context) => {
    const owned = await account(context);
    const book = await engine.book(owned.id);
    return {
      status: 200,
      body: {
        account: owned,
        equity: book.equity((s) => market.instrument(s), clock.now()),
      },
    };
  });

  route("listOrders", async (context) => {
    const { query } = context;
    const owned = await account(context);
    return {
      status: 200,
      body: (await store.orders(owned.id, query.status, ORDER_LIST_LIMIT)).map(
        (o) => o.order,
      ),
    };
  });

  route("placeOrder", async (context) => {
    const { body, request } = context;
    const owned = await account(context);
    const result = await engine.place(owned.id, body, request.id);
    switch (result.status) {
      case 201:
        return { status: 201, body: placedBody(result) };
      case 409:
        return { status: 409, body: rejectedBody(result) };
      case 422:
        return { status: 422, body: rejectedBody(result) };
    }
  });

  route("getOrder", async (context) => {
    const { params } = context;
    const owned = await account(context);
    const found = await store.order(owned.id, params.orderId);
    if (!found)
      throw new HttpError(404, "NOT_FOUND", `no order ${params.orderId}`);
    return { status: 200, body: found.order };
  });

  route("modifyOrder", async (context) => {
    const { params, body, request } = context;
    const owned = await account(context);
    return {
      status: 200,
      body: await engine.modify(owned.id, params.orderId, body, request.id),
    };
  });

  route("cancelOrder", async (context) => {
    const { params, request } = context;
    const owned = await account(context);
    return {
      status: 200,
      body: await engine.cancel(owned.id, params.orderId, request.id),
    };
  });

  route("listPositions", async (context) => {
    const owned = await account(context);
    const book = await engine.book(owned.id);
    return {
      status: 200,
      body: [...book.positions.values()]
        .filter((p) => p.netQty !== 0)
        .map((p) => book.positionView(p.symbol, market.instrument(p.symbol))),
    };
  });

  route("closePosition", async (context) => {
    const { params, query, request } = context;
    const owned = await account(context);
    const result = await engine.closePosition(
      owned.id,
      params.positionId,
      query.qty,
      request.id,
    );
    switch (result.status) {
      case 201:
        return { status: 200, body: placedBody(result) };
      case 422:
        return { status: 422, body: rejectedBody(result) };
      case 409:
        // A closing order carries no clientOrderId, so nothing can conflict with it.
        throw new Error("a closing order met a clientOrderId conflict");
    }
  });

  route("listExecutions", async (context) => {
    const { query } = context;
    const owned = await account(context);
    const limit = query.limit ?? 100;
    const items = await store.executions(owned.id, {
      ...(query.symbol !== undefined ? { symbol: query.symbol } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      status: 200,
      body:
        items.length > limit && last
          ? { items: page, nextBefore: last.sequence }
          : { items: page },
    };
  });
}

function placedBody(result: Extract<Placement, { status: 201 }>) {
  return { orderId: result.order.id, order: result.order };
}

function rejectedBody(result: Extract<Placement, { status: 409 | 422 }>) {
  return { error: errorBody(result.error), order: result.order };
}

function errorBody(error: BrokerRejection): ErrorBody {
  return error.field
    ? { code: error.code, message: error.message, field: error.field }
    : { code: error.code, message: error.message };
}
