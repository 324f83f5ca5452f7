import {
  AlertEventsWsRouter,
  AlertsWsRouter,
} from "../../../generated/ws-routers";
import type { ModuleContext } from "../../module";
import type { AnalyticsDependencies } from "../dependencies";
import type { AnalyticsPart } from "../part";
import { KeyedQueue } from "../../../concurrency/keyed-queue";
import { AlertBus } from "./engine/alert-bus";
import { AlertArming, type ArmingDeps } from "./engine/alert-engine";
import { AlertRules } from "./engine/alert-rules";
import { StreamHub } from "./evaluation/stream-hub";
import { AlertMetrics } from "./metrics";
import { registerAlertRoutes } from "./rest/alert-routes";
import { AlertStore } from "./store/alert-store";
import { AlertEventTopics, AlertRulesTopics } from "./ws/alert-topics";

/** How often rules past their expiry are marked expired on symbols that do not trade. */
const EXPIRY_SWEEP_MS = 1_000;

/**
 * Alerts: rules per account (REST), evaluated on every trade of their stream, their state on the
 * `alerts` channel and what they fired on `alert-events`.
 */
export function alertsPart(
  ctx: ModuleContext,
  { bars, market, accounts }: AnalyticsDependencies,
): AnalyticsPart {
  if (!ctx.database) throw new Error("alerts need a database");
  const store = new AlertStore(ctx.database);
  const bus = new AlertBus();
  const hub = new StreamHub(bars);
  const queue = new KeyedQueue();
  const deps: ArmingDeps = {
    store,
    hub,
    market,
    clock: ctx.clock,
    log: ctx.log,
    bus,
    metrics: new AlertMetrics(ctx.registry),
    queue,
    limits: ctx.config.alerts,
  };
  const arming = new AlertArming(deps);
  const rules = new AlertRules(deps, arming);
  let sweeper: NodeJS.Timeout | null = null;
  return {
    registerRoutes: (app) =>
      registerAlertRoutes(app, { rules, store, accounts, auth: ctx.auth }),
    wsRouters: () => [
      new AlertsWsRouter(new AlertRulesTopics(store, bus)),
      new AlertEventsWsRouter(new AlertEventTopics(store, bus)),
    ],
    async start() {
      for (const stored of await store.activeRules())
        await arming.rearm(stored);
      sweeper = setInterval(() => arming.sweep(), EXPIRY_SWEEP_MS);
      sweeper.unref();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      arming.detachAll();
      hub.stopAll();
      await queue.idle();
    },
  };
}
