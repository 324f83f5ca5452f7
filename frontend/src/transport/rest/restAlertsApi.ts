import type { RestClient, ResyncSource } from "@tradewire/client";
import type { AlertEvent_Api_Backend } from "../../clients/api-types-generated";
import type { AlertsApi } from "./alertsApi";
import { call } from "./call";

/** AlertsApi over the real endpoints; the session cookie picks the account. */
export function restAlertsApi(rest: RestClient): AlertsApi {
  const path = (alertId: string) => ({ params: { path: { alertId } } });
  return {
    list: () => call(rest.GET("/api/v1/alerts", {})),
    create: (body) => call(rest.POST("/api/v1/alerts", { body })),
    replace: (alertId, body) =>
      call(rest.PUT("/api/v1/alerts/{alertId}", { ...path(alertId), body })),
    remove: (alertId) =>
      call(rest.DELETE("/api/v1/alerts/{alertId}", path(alertId))),
    events: (before, limit) =>
      call(
        rest.GET("/api/v1/alerts/events", {
          params: {
            query: {
              ...(before === undefined ? {} : { before }),
              ...(limit === undefined ? {} : { limit }),
            },
          },
        }),
      ),
  };
}

const PAGE_LIMIT = 500;

/**
 * The resync source of `alert-events` (the server could not replay after a long disconnect):
 * pages the REST history back to the cursor and answers what came after it, oldest first.
 */
export function alertEventsResync(
  api: AlertsApi,
): ResyncSource<"alert-events"> {
  return async (after) => {
    const newestFirst: AlertEvent_Api_Backend[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await api.events(before, PAGE_LIMIT);
      for (const event of page.items) {
        if (event.sequence <= after) return newestFirst.reverse();
        newestFirst.push(event);
      }
      if (page.nextBefore === undefined) return newestFirst.reverse();
      before = page.nextBefore;
    }
  };
}
