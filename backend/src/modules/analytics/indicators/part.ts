import { IndicatorsWsRouter } from "../../../generated/ws-routers";
import type { ModuleContext } from "../../module";
import type { AnalyticsDependencies } from "../dependencies";
import type { AnalyticsPart } from "../part";
import { IndicatorsService } from "./indicators-service";

/** The `indicators` channel: no REST, one router, computations stopped with the module. */
export function indicatorsPart(
  ctx: ModuleContext,
  deps: AnalyticsDependencies,
): AnalyticsPart {
  const service = new IndicatorsService(
    deps.bars,
    ctx.clock,
    ctx.log,
    ctx.config.indicators.maxTopics,
  );
  return {
    registerRoutes: () => undefined,
    wsRouters: () => [new IndicatorsWsRouter(service)],
    start: () => Promise.resolve(),
    stop: () => {
      service.stopAll();
      return Promise.resolve();
    },
  };
}
