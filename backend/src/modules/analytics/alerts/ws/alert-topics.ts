import type {
  AlertEvent,
  AlertEventsSubscriptionRequest,
  AlertRule,
  AlertsSubscriptionRequest,
} from "@tradewire/client";
import {
  TopicError,
  type TopicRef,
  type TopicUpdate,
  type WsRouteService,
} from "../../../../ws";
import type { AlertBus } from "../engine/alert-bus";
import type { AlertStore } from "../store/alert-store";

const accountOf = (topic: TopicRef<unknown>): string => {
  if (topic.accountId === null)
    throw new TopicError("UNAUTHORIZED", "this channel belongs to an account");
  return topic.accountId;
};

/**
 * `alerts`: the account's rules as state. The rules are loaded on the first subscriber and kept
 * current by every change while the topic lives; a change that lands during the load wins over
 * the loaded row, and a deleted rule stays out of later snapshots.
 */
export class AlertRulesTopics implements WsRouteService<
  AlertsSubscriptionRequest,
  AlertRule
> {
  private readonly live = new Map<
    string,
    { rules: Map<string, AlertRule>; off: () => void }
  >();

  constructor(
    private readonly store: AlertStore,
    private readonly bus: AlertBus,
  ) {}

  async createTopic(
    topic: TopicRef<AlertsSubscriptionRequest>,
    topicUpdate: TopicUpdate<AlertRule>,
  ): Promise<void> {
    const accountId = accountOf(topic);
    const rules = new Map<string, AlertRule>();
    const off = this.bus.on(accountId, (change) => {
      if (change.kind !== "rule") return;
      rules.set(change.rule.id, change.rule);
      topicUpdate(change.rule);
    });
    try {
      for (const { rule } of await this.store.rules(accountId))
        if (!rules.has(rule.id)) rules.set(rule.id, rule);
    } catch (err) {
      off();
      throw err;
    }
    this.live.set(topic.id, { rules, off });
  }

  removeTopic(topic: TopicRef<AlertsSubscriptionRequest>): void {
    this.live.get(topic.id)?.off();
    this.live.delete(topic.id);
  }

  snapshot(topic: TopicRef<AlertsSubscriptionRequest>): readonly AlertRule[] {
    const rules = this.live.get(topic.id)?.rules;
    if (!rules) return [];
    return [...rules.values()]
      .filter((r) => r.status !== "deleted")
      .sort((a, b) => a.createdAt - b.createdAt);
  }
}

/** `alert-events`: fired alerts as they are stored; `since` replays the account's from the store. */
export class AlertEventTopics implements WsRouteService<
  AlertEventsSubscriptionRequest,
  AlertEvent
> {
  private readonly live = new Map<string, () => void>();

  constructor(
    private readonly store: AlertStore,
    private readonly bus: AlertBus,
  ) {}

  createTopic(
    topic: TopicRef<AlertEventsSubscriptionRequest>,
    topicUpdate: TopicUpdate<AlertEvent>,
  ): void {
    const accountId = accountOf(topic);
    const off = this.bus.on(accountId, (change) => {
      if (change.kind === "event") topicUpdate(change.event);
    });
    this.live.set(topic.id, off);
  }

  removeTopic(topic: TopicRef<AlertEventsSubscriptionRequest>): void {
    this.live.get(topic.id)?.();
    this.live.delete(topic.id);
  }

  replay(
    topic: TopicRef<AlertEventsSubscriptionRequest>,
    since: number,
    limit: number,
  ): Promise<readonly AlertEvent[]> {
    return this.store.eventsSince(accountOf(topic), since, limit);
  }
}
