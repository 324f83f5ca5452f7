import {
  AlertEventsWsRouter,
  AlertsWsRouter,
} from "../../../generated/ws-routers";
import type { ModuleContext } from "../../module";
import type { AnalyticsDependencies } from "../dependencies";
import type { AnalyticsPart } from "../part";
import { KeyedQueue } from "../../../concurrency/keyed-queue";
import { AlertLeadership } from "./cluster/alert-leadership";
import { AlertRelay } from "./cluster/alert-relay";
import { LocalAlertBus } from "./engine/alert-bus";
import { AlertArming, type ArmingDeps } from "./engine/alert-engine";
import { AlertRules } from "./engine/alert-rules";
import { LocalPlacement } from "./engine/rule-placement";
import { StreamHub } from "./evaluation/stream-hub";
import { AlertMetrics } from "./metrics";
import { registerAlertRoutes } from "./rest/alert-routes";
import { AlertStore } from "./store/alert-store";
import {
  AlertEventTopics,
  AlertRulesTopics,
  type TopicCluster,
} from "./ws/alert-topics";

/** How often rules past their expiry are marked expired on symbols that do not trade. */
const EXPIRY_SWEEP_MS = 1_000;

/**
 * Alerts: rules per account (REST), evaluated on every trade of their stream, their state on the
 * `alerts` channel and what they fired on `alert-events`. When several instances run, only the
 * leader evaluates (cluster/alert-leadership.ts) and every instance's sockets hear the changes
 * over the bus (cluster/alert-relay.ts); a lone instance does neither.
 */
export function alertsPart(
  ctx: ModuleContext,
  { bars, market, accounts }: AnalyticsDependencies,
): AnalyticsPart {
  if (!ctx.database) throw new Error("alerts need a database");
  const store = new AlertStore(ctx.database);
  const relay = ctx.role.clustered
    ? new AlertRelay(ctx.bus, ctx.role.instanceId, ctx.log)
    : null;
  const bus = relay ?? new LocalAlertBus();
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
  const leadership = relay
    ? new AlertLeadership(deps, arming, ctx.role, ctx.bus, EXPIRY_SWEEP_MS)
    : null;
  const rules = new AlertRules(deps, leadership ?? new LocalPlacement(arming));
  const cluster: TopicCluster | null = relay
    ? { ready: (accountId) => relay.ready(accountId), log: ctx.log }
    : null;
  const rulesTopics = new AlertRulesTopics(store, bus, cluster);
  const eventTopics = new AlertEventTopics(store, bus, cluster);
  let sweeper: NodeJS.Timeout | null = null;
  let offConnection: (() => void) | null = null;
  return {
    registerRoutes: (app) =>
      registerAlertRoutes(app, { rules, store, accounts, auth: ctx.auth }),
    wsRouters: () => [
      new AlertsWsRouter(rulesTopics),
      new AlertEventsWsRouter(eventTopics),
    ],
    async start() {
      if (leadership) {
        // What the bus lost while cut off is read again from the database.
        offConnection = ctx.bus.onConnectionChange((connected) => {
          if (!connected || !relay) return;
          relay.retry();
          eventTopics.resync();
          Promise.all([rulesTopics.resync(), leadership.resync()]).catch(
            (err: unknown) =>
              ctx.log.error({ err }, "alerts could not resynchronise"),
          );
        });
        await leadership.start();
        return;
      }
      for (const stored of await store.activeRules())
        await arming.rearm(stored);
      sweeper = setInterval(() => arming.sweep(), EXPIRY_SWEEP_MS);
      sweeper.unref();
    },
    async stop() {
      offConnection?.();
      if (sweeper) clearInterval(sweeper);
      await leadership?.stop();
      arming.detachAll();
      hub.stopAll();
      await queue.idle();
    },
  };
}
