import type { FastifyInstance, FastifyRequest } from "fastify";
import type { JwtAuth } from "../../../../auth/jwt";
import { ownedAccount } from "../../../../auth/owned-account";
import type { AccountDirectory } from "../../../../contracts/accounts";
import { HttpError } from "../../../../http/error-handlers";
import { restRoute, type RestHandler } from "../../../../http/rest-route";
import type { AlertRules } from "../engine/alert-rules";
import { AlertRejection } from "../rules/rejection";
import type { AlertStore } from "../store/alert-store";

type AlertOperation =
  | "listAlerts"
  | "createAlert"
  | "listAlertEvents"
  | "getAlert"
  | "replaceAlert"
  | "deleteAlert";

export interface AlertRouteDeps {
  readonly rules: AlertRules;
  readonly store: AlertStore;
  readonly accounts: AccountDirectory;
  readonly auth: JwtAuth;
}

const STATUS_OF: Partial<Record<string, number>> = {
  NOT_FOUND: 404,
  ALERT_LIMIT: 422,
};

/**
 * Alert rules under /api/v1/alerts. Every call acts on one of the caller's own accounts: the
 * token's, or the one `accountId` names; naming another's account or rule answers 404, exactly
 * like a missing one.
 */
export function registerAlertRoutes(
  app: FastifyInstance,
  deps: AlertRouteDeps,
): void {
  const { rules, store, accounts, auth } = deps;

  const account = async ({
    request,
    query,
  }: {
    request: FastifyRequest;
    query: { accountId?: string };
  }): Promise<string> =>
    (await ownedAccount(request, query.accountId, auth, accounts)).id;

  const route = <K extends AlertOperation>(
    id: K,
    handler: RestHandler<K>,
  ): void => {
    restRoute(app, id, async (context) => {
      try {
        return await handler(context);
      } catch (err) {
        if (err instanceof AlertRejection)
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

  route("listAlerts", async (context) => ({
    status: 200,
    body: (await store.rules(await account(context))).map((s) => s.rule),
  }));

  route("createAlert", async (context) => ({
    status: 201,
    body: await rules.create(await account(context), context.body),
  }));

  route("getAlert", async (context) => ({
    status: 200,
    body: await rules.get(await account(context), context.params.alertId),
  }));

  route("replaceAlert", async (context) => ({
    status: 200,
    body: await rules.replace(
      await account(context),
      context.params.alertId,
      context.body,
    ),
  }));

  route("deleteAlert", async (context) => ({
    status: 200,
    body: await rules.remove(await account(context), context.params.alertId),
  }));

  route("listAlertEvents", async (context) => {
    const { query } = context;
    const owned = await account(context);
    const limit = query.limit ?? 100;
    const items = await store.eventsBefore(owned, query.before, limit + 1);
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
