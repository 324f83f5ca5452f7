import type { FastifyInstance } from "fastify";
import { authenticate } from "../../auth/request-auth";
import { restRoute } from "../../http/rest-route";
import { DEFAULT_WATCHLIST_NAME } from "./limits";
import type { WatchlistInput } from "./model";
import type { WorkspaceRouteDeps } from "./routes-deps";
import { listedSymbols } from "./symbols";
import type { WatchlistContent } from "./watchlist-store";

/**
 * `/api/v1/watchlists`. Names are stored trimmed (the schema's `\S` guarantees something is
 * left); the same name twice is allowed, as lists are told apart by id.
 */
export function registerWatchlistRoutes(
  app: FastifyInstance,
  deps: WorkspaceRouteDeps,
): void {
  const { auth, clock, market, watchlists } = deps;
  const content = (input: WatchlistInput): WatchlistContent => ({
    name: input.name.trim(),
    symbols: listedSymbols(market, input.symbols, "symbols"),
  });

  restRoute(app, "listWatchlists", async ({ request }) => {
    const { userId } = await authenticate(request, auth);
    const first = {
      name: DEFAULT_WATCHLIST_NAME,
      symbols: deps.defaultSymbols,
    };
    return {
      status: 200,
      body: await watchlists.listOrCreate(userId, first, clock.now()),
    };
  });

  restRoute(app, "createWatchlist", async ({ request, body }) => {
    const { userId } = await authenticate(request, auth);
    return {
      status: 201,
      body: await watchlists.create(userId, content(body), clock.now()),
    };
  });

  restRoute(app, "replaceWatchlist", async ({ request, params, body }) => {
    const { userId } = await authenticate(request, auth);
    return {
      status: 200,
      body: await watchlists.replace(
        userId,
        params.id,
        content(body),
        clock.now(),
      ),
    };
  });

  restRoute(app, "deleteWatchlist", async ({ request, params }) => {
    const { userId } = await authenticate(request, auth);
    await watchlists.remove(userId, params.id);
    return { status: 204 };
  });
}
