import type { ModuleContext } from "../../module";
import type { AnalyticsDependencies } from "../dependencies";
import type { AnalyticsPart } from "../part";

/** PLACEHOLDER on the integration branch, replaced by the alerts implementation before merge. */
export function alertsPart(
  _ctx: ModuleContext,
  _deps: AnalyticsDependencies,
): AnalyticsPart {
  return {
    registerRoutes: () => undefined,
    wsRouters: () => [],
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}
