import type { RestClient } from "@tradewire/client";
import { call } from "./call";
import type { WorkspaceApi } from "./workspaceApi";

/** WorkspaceApi over the real endpoints; the session cookie picks the user. */
export function restWorkspaceApi(rest: RestClient): WorkspaceApi {
  const list = (id: string) => ({ params: { path: { id } } });
  const chart = (symbol: string) => ({ params: { path: { symbol } } });
  return {
    settings: () => call(rest.GET("/api/v1/settings", {})),
    replaceSettings: (body) => call(rest.PUT("/api/v1/settings", { body })),
    watchlists: () => call(rest.GET("/api/v1/watchlists", {})),
    createWatchlist: (body) => call(rest.POST("/api/v1/watchlists", { body })),
    replaceWatchlist: (id, body) =>
      call(rest.PUT("/api/v1/watchlists/{id}", { ...list(id), body })),
    deleteWatchlist: async (id) => {
      await call(rest.DELETE("/api/v1/watchlists/{id}", list(id)));
    },
    drawings: async (symbol) =>
      (await call(rest.GET("/api/v1/drawings/{symbol}", chart(symbol))))
        .drawings,
    replaceDrawings: async (symbol, drawings) =>
      (
        await call(
          rest.PUT("/api/v1/drawings/{symbol}", {
            ...chart(symbol),
            body: { drawings: [...drawings] },
          }),
        )
      ).drawings,
  };
}
