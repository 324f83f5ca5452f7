import type { Execution } from "../generated/models.js";
import type { ResyncSource } from "../ws/resync.js";
import type { RestClient } from "./rest-client.js";

/** The largest page `GET /api/v1/broker/executions` serves. */
const PAGE_LIMIT = 500;

export interface ExecutionsResyncOptions {
  /** The account the socket's token acts on, when it is not the token's default one. */
  readonly accountId?: string;
}

/**
 * The resync source of the `executions` channel: pages `GET /api/v1/broker/executions` (newest
 * first) back to the cursor and returns every execution after it, oldest first. Pass it as the
 * client's `resync: { executions: executionsResync(rest) }`; the REST client must carry the same
 * credentials as the socket (its `token`, or the browser's cookie).
 */
export function executionsResync(
  rest: RestClient,
  options: ExecutionsResyncOptions = {},
): ResyncSource<"executions"> {
  return async (after) => {
    const newestFirst: Execution[] = [];
    let before: number | undefined;
    for (;;) {
      const { data, response } = await rest.GET("/api/v1/broker/executions", {
        params: {
          query: {
            limit: PAGE_LIMIT,
            ...(before === undefined ? {} : { before }),
            ...(options.accountId === undefined
              ? {}
              : { accountId: options.accountId }),
          },
        },
      });
      if (!data)
        throw new Error(
          `GET /api/v1/broker/executions answered ${response.status}`,
        );
      for (const execution of data.items) {
        if (execution.sequence <= after) return newestFirst.reverse();
        newestFirst.push(execution);
      }
      if (data.nextBefore === undefined) return newestFirst.reverse();
      before = data.nextBefore;
    }
  };
}
