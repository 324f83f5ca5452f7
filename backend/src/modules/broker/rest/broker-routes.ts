import type { components, ErrorBody, operations } from "@tradewire/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../../auth/jwt";
import { authenticate } from "../../../auth/request-auth";
import type { Clock } from "../../../clock";
import type { Account, AccountDirectory } from "../../../contracts/accounts";
import type { MarketData } from "../../../contracts/market-data";
import {
  REST_ROUTES,
  type RestOperationId,
} from "../../../generated/rest-routes";
import { HttpError } from "../../../http/error-handlers";
import { BrokerRejection } from "../domain/rejection";
import type { BrokerEngine } from "../engine/broker-engine";
import type { Placement } from "../engine/placement-result";
import type { BrokerStore } from "../store/broker-store";

type Query<Op extends keyof operations> = NonNullable<
  operations[Op]["parameters"]["query"]
>;
type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

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
  const account = async (req: FastifyRequest): Promise<Account> => {
    const caller = await authenticate(req, auth);
    const named =
      (req.query as { accountId?: string } | undefined)?.accountId ??
      caller.accountId;
    const owned = (await accounts.accountsOf(caller.userId)).find(
      (a) => a.id === named,
    );
    if (!owned) throw new HttpError(404, "NOT_FOUND", `no account ${named}`);
    return owned;
  };

  const route = (
    id: RestOperationId,
    handler: (
      req: FastifyRequest,
      reply: FastifyReply,
      accountId: string,
      info: Account,
    ) => Promise<unknown>,
  ): void => {
    app.route({
      ...REST_ROUTES[id],
      handler: async (req, reply) => {
        const info = await account(req);
        try {
          return await handler(req, reply, info.id, info);
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
      },
    });
  };

  const placed = (reply: FastifyReply, result: Placement, okStatus: number) =>
    result.status === 201
      ? reply
          .code(okStatus)
          .send({ orderId: result.order.id, order: result.order })
      : reply
          .code(result.status)
          .send({ error: errorBody(result.error), order: result.order });

  route("getAccountSummary", async (_req, _reply, accountId, info) => {
    const book = await engine.book(accountId);
    return {
      account: info,
      equity: book.equity((s) => market.instrument(s), clock.now()),
    };
  });

  route("listOrders", async (req, _reply, accountId) => {
    const { status } = req.query as Query<"listOrders">;
    return (await store.orders(accountId, status, ORDER_LIST_LIMIT)).map(
      (o) => o.order,
    );
  });

  route("placeOrder", async (req, reply, accountId) =>
    placed(
      reply,
      await engine.place(accountId, req.body as PlaceOrderRequest),
      201,
    ),
  );

  route("getOrder", async (req, _reply, accountId) => {
    const { orderId } = req.params as { orderId: string };
    const found = await store.order(accountId, orderId);
    if (!found) throw new HttpError(404, "NOT_FOUND", `no order ${orderId}`);
    return found.order;
  });

  route("modifyOrder", async (req, _reply, accountId) => {
    const { orderId } = req.params as { orderId: string };
    return engine.modify(accountId, orderId, req.body as ModifyOrderRequest);
  });

  route("cancelOrder", async (req, _reply, accountId) => {
    const { orderId } = req.params as { orderId: string };
    return engine.cancel(accountId, orderId);
  });

  route("listPositions", async (_req, _reply, accountId) => {
    const book = await engine.book(accountId);
    return [...book.positions.values()]
      .filter((p) => p.netQty !== 0)
      .map((p) => book.positionView(p.symbol, market.instrument(p.symbol)));
  });

  route("closePosition", async (req, reply, accountId) => {
    const { positionId } = req.params as { positionId: string };
    const { qty } = req.query as Query<"closePosition">;
    return placed(
      reply,
      await engine.closePosition(accountId, positionId, qty),
      200,
    );
  });

  route("listExecutions", async (req, _reply, accountId) => {
    const q = req.query as Query<"listExecutions">;
    const limit = q.limit ?? 100;
    const items = await store.executions(accountId, {
      ...(q.symbol !== undefined ? { symbol: q.symbol } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
      limit: limit + 1,
    });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return items.length > limit && last
      ? { items: page, nextBefore: last.sequence }
      : { items: page };
  });
}

function errorBody(error: BrokerRejection): ErrorBody {
  return error.field
    ? { code: error.code, message: error.message, field: error.field }
    : { code: error.code, message: error.message };
}
