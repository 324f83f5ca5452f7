import type { RestClient } from "@tradewire/client";
import { call } from "./call";
import type { HistoryApi } from "./historyApi";

/** HistoryApi over the real endpoints; the session cookie picks the account. */
export function restHistoryApi(rest: RestClient): HistoryApi {
  return {
    list: () => call(rest.GET("/api/v1/history/jobs", {})),
    create: (body) => call(rest.POST("/api/v1/history/jobs", { body })),
    cancel: (jobId) =>
      call(
        rest.POST("/api/v1/history/jobs/{jobId}/cancel", {
          params: { path: { jobId } },
        }),
      ),
  };
}
