import type { ModuleContext, TradewireModule } from "../module";
import { alertsPart } from "./alerts/part";
import type { AnalyticsDependencies } from "./dependencies";
import { indicatorsPart } from "./indicators/part";

/**
 * Analytics: streaming indicators on any symbol and resolution (`indicators` channel), and alert
 * rules per account evaluated on every trade (`/api/v1/alerts`, `alerts` and `alert-events`).
 */
export type { AnalyticsDependencies } from "./dependencies";

export function analyticsModule(
  ctx: ModuleContext,
  deps: AnalyticsDependencies,
): TradewireModule<null> {
  const parts = [indicatorsPart(ctx, deps), alertsPart(ctx, deps)];
  return {
    name: "analytics",
    service: null,
    async registerRoutes(app) {
      for (const part of parts) await part.registerRoutes(app);
    },
    wsRouters: () => parts.flatMap((p) => p.wsRouters()),
    async start() {
      for (const part of parts) await part.start();
    },
    async stop() {
      for (const part of [...parts].reverse()) await part.stop();
    },
  };
}
