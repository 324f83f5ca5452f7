import type {
  AlertEvent,
  AlertEventsSubscriptionRequest,
  AlertRule,
  AlertsSubscriptionRequest,
} from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import {
  TopicError,
  type TopicRef,
  type TopicUpdate,
  type WsRouteService,
} from "../../../../ws";
import { EventCursor } from "../cluster/event-cursor";
import type { AlertBus } from "../engine/alert-bus";
import type { AlertStore } from "../store/alert-store";

/**
 * What the topics need when several instances run (cluster/alert-relay.ts); null for a lone
 * instance, whose topics work exactly as they always did.
 */
export interface TopicCluster {
  /** Resolves once the account's changes made on other instances reach this one's listeners. */
  ready(accountId: string): Promise<void>;
  readonly log: FastifyBaseLogger;
}

interface LiveRules {
  readonly accountId: string;
  readonly rules: Map<string, AlertRule>;
  readonly update: TopicUpdate<AlertRule>;
  readonly off: () => void;
}

const accountOf = (topic: TopicRef<unknown>): string => {
  if (topic.accountId === null)
    throw new TopicError("UNAUTHORIZED", "this channel belongs to an account");
  return topic.accountId;
};

/**
 * `alerts`: the account's rules as state. The rules are loaded on the first subscriber and kept
 * current by every change while the topic lives; a change that lands during the load wins over
 * the loaded row, and a deleted rule stays out of later snapshots. When several instances run,
 * changes from another may arrive out of order: an older state than the one held is ignored, a
 * deleted rule stays deleted, and `resync` sends what the database holds after the bus was cut.
 */
export class AlertRulesTopics implements WsRouteService<
  AlertsSubscriptionRequest,
  AlertRule
> {
  private readonly live = new Map<string, LiveRules>();

  constructor(
    private readonly store: AlertStore,
    private readonly bus: AlertBus,
    private readonly cluster: TopicCluster | null = null,
  ) {}

  async createTopic(
    topic: TopicRef<AlertsSubscriptionRequest>,
    topicUpdate: TopicUpdate<AlertRule>,
  ): Promise<void> {
    const accountId = accountOf(topic);
    const rules = new Map<string, AlertRule>();
    const off = this.bus.on(accountId, (change) => {
      if (change.kind !== "rule") return;
      if (this.cluster) this.apply(rules, change.rule, topicUpdate);
      else {
        rules.set(change.rule.id, change.rule);
        topicUpdate(change.rule);
      }
    });
    try {
      if (this.cluster) await this.cluster.ready(accountId);
      for (const { rule } of await this.store.rules(accountId))
        if (!rules.has(rule.id)) rules.set(rule.id, rule);
    } catch (err) {
      off();
      throw err;
    }
    this.live.set(topic.id, { accountId, rules, update: topicUpdate, off });
  }

  /** Send each live topic the rules that changed while the bus was cut off. */
  async resync(): Promise<void> {
    for (const { accountId, rules, update } of [...this.live.values()]) {
      const stored = new Map(
        (await this.store.rules(accountId)).map((s) => [s.rule.id, s.rule]),
      );
      for (const [id, held] of [...rules])
        if (!stored.has(id) && held.status !== "deleted") {
          const now = await this.store.ruleById(id);
          if (now) stored.set(id, now.rule);
        }
      for (const rule of stored.values())
        if (JSON.stringify(rule) !== JSON.stringify(rules.get(rule.id)))
          this.apply(rules, rule, update);
    }
  }

  private apply(
    rules: Map<string, AlertRule>,
    rule: AlertRule,
    update: TopicUpdate<AlertRule>,
  ): void {
    const held = rules.get(rule.id);
    if (held && (held.status === "deleted" || held.updatedAt > rule.updatedAt))
      return;
    rules.set(rule.id, rule);
    update(rule);
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

/**
 * `alert-events`: fired alerts as they are stored; `since` replays the account's from the store.
 * When several instances run, each topic follows the account's sequence (cluster/event-cursor.ts)
 * and reads what the bus lost from the store.
 */
export class AlertEventTopics implements WsRouteService<
  AlertEventsSubscriptionRequest,
  AlertEvent
> {
  private readonly live = new Map<
    string,
    { off: () => void; cursor: EventCursor | null }
  >();

  constructor(
    private readonly store: AlertStore,
    private readonly bus: AlertBus,
    private readonly cluster: TopicCluster | null = null,
  ) {}

  createTopic(
    topic: TopicRef<AlertEventsSubscriptionRequest>,
    topicUpdate: TopicUpdate<AlertEvent>,
  ): void | Promise<void> {
    const accountId = accountOf(topic);
    const cursor = this.cluster
      ? new EventCursor(this.store, accountId, topicUpdate, this.cluster.log)
      : null;
    const off = this.bus.on(accountId, (change) => {
      if (change.kind !== "event") return;
      if (cursor) cursor.offer(change.event);
      else topicUpdate(change.event);
    });
    this.live.set(topic.id, { off, cursor });
    if (cursor) return this.follow(topic, accountId, cursor);
  }

  private async follow(
    topic: TopicRef<AlertEventsSubscriptionRequest>,
    accountId: string,
    cursor: EventCursor,
  ): Promise<void> {
    try {
      await this.cluster?.ready(accountId);
      await cursor.start();
    } catch (err) {
      this.removeTopic(topic);
      throw err;
    }
  }

  removeTopic(topic: TopicRef<AlertEventsSubscriptionRequest>): void {
    const live = this.live.get(topic.id);
    live?.off();
    live?.cursor?.close();
    this.live.delete(topic.id);
  }

  /** Each live topic reads from the store what it missed while the bus was cut off. */
  resync(): void {
    for (const { cursor } of this.live.values()) cursor?.catchUp();
  }

  replay(
    topic: TopicRef<AlertEventsSubscriptionRequest>,
    since: number,
    limit: number,
  ): Promise<readonly AlertEvent[]> {
    return this.store.eventsSince(accountOf(topic), since, limit);
  }
}
