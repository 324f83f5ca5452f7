import type { AlertRule } from "@tradewire/client";
import { randomUUID } from "node:crypto";
import { TopicError } from "../../../../ws";
import { streamOf } from "../evaluation/conditions";
import type { SharedStream } from "../evaluation/stream-hub";
import type { AlertCondition, AlertRuleInput, StoredRule } from "../model";
import { checkRule } from "../rules/check-rule";
import { describeCondition, tickDecimals } from "../rules/describe";
import { AlertRejection } from "../rules/rejection";
import type { ArmingDeps } from "./alert-engine";
import type { RulePlacement } from "./rule-placement";

const NAME_MAX = 80;
/** Writes of one change retried over states other instances wrote meanwhile, before giving up. */
const WRITE_ATTEMPTS = 5;

/**
 * Rule changes of one account, one at a time: checked, their stream held, stored, then armed and
 * published. A refusal leaves nothing stored and nothing armed.
 */
export class AlertRules {
  constructor(
    private readonly deps: ArmingDeps,
    private readonly placement: RulePlacement,
  ) {}

  create(accountId: string, input: AlertRuleInput): Promise<AlertRule> {
    return this.deps.queue.run(accountId, async () => {
      const condition = checkRule(
        input,
        this.deps.market,
        this.deps.clock.now(),
      );
      const max = this.deps.limits.maxPerAccount;
      if ((await this.deps.store.countRules(accountId)) >= max)
        throw new AlertRejection(
          "ALERT_LIMIT",
          `an account holds at most ${max} alert rules: delete one first`,
        );
      const stream = await this.hold(condition);
      const now = this.deps.clock.now();
      const stored: StoredRule = {
        accountId,
        version: 1,
        rule: {
          id: `alert-${randomUUID()}`,
          ...this.definition(input, condition),
          status: "active",
          createdAt: now,
          updatedAt: now,
          fireCount: 0,
        },
      };
      await this.stored(stream, () => this.deps.store.insert(stored));
      this.placement.placed(stored, stream);
      this.deps.bus.emit(accountId, { kind: "rule", rule: stored.rule });
      return stored.rule;
    });
  }

  replace(
    accountId: string,
    id: string,
    input: AlertRuleInput,
  ): Promise<AlertRule> {
    return this.deps.queue.run(accountId, async () => {
      const existing = await this.existing(accountId, id);
      const condition = checkRule(
        input,
        this.deps.market,
        this.deps.clock.now(),
      );
      const stream = await this.hold(condition);
      const definition = this.definition(input, condition);
      const next = await this.stored(stream, () =>
        this.rewrite(existing, ({ version, rule }) => ({
          accountId,
          version: version + 1,
          rule: {
            id,
            ...definition,
            status: "active",
            createdAt: rule.createdAt,
            updatedAt: this.deps.clock.now(),
            fireCount: rule.fireCount,
            ...(rule.lastFiredAt !== undefined
              ? { lastFiredAt: rule.lastFiredAt }
              : {}),
          },
        })),
      );
      this.placement.placed(next, stream);
      this.deps.bus.emit(accountId, { kind: "rule", rule: next.rule });
      return next.rule;
    });
  }

  remove(accountId: string, id: string): Promise<AlertRule> {
    return this.deps.queue.run(accountId, async () => {
      const deleted = await this.rewrite(
        await this.existing(accountId, id),
        (current) => ({
          ...current,
          rule: {
            ...current.rule,
            status: "deleted",
            updatedAt: this.deps.clock.now(),
          },
        }),
      );
      this.placement.removed(deleted);
      this.deps.bus.emit(accountId, { kind: "rule", rule: deleted.rule });
      return deleted.rule;
    });
  }

  async get(accountId: string, id: string): Promise<AlertRule> {
    return (await this.existing(accountId, id)).rule;
  }

  private async existing(accountId: string, id: string): Promise<StoredRule> {
    const found = await this.deps.store.rule(accountId, id);
    if (!found) throw notFound(id);
    return found;
  }

  /**
   * Write `change` of the rule's current state. Another instance (the leader firing it) may have
   * written in between: the rule is read again and the change made over what is stored now.
   */
  private async rewrite(
    first: StoredRule,
    change: (current: StoredRule) => StoredRule,
  ): Promise<StoredRule> {
    let current = first;
    for (let attempt = 1; ; attempt++) {
      const next = change(current);
      if (await this.deps.store.update(next, current)) return next;
      if (attempt >= WRITE_ATTEMPTS)
        throw new Error(`alert ${current.rule.id} kept changing under a write`);
      current = await this.existing(current.accountId, current.rule.id);
    }
  }

  private definition(input: AlertRuleInput, condition: AlertCondition) {
    const decimals = tickDecimals(
      this.deps.market.instrument(condition.symbol),
    );
    return {
      name:
        input.name ?? describeCondition(condition, decimals).slice(0, NAME_MAX),
      condition,
      repeat: input.repeat ?? false,
      cooldownSeconds: input.cooldownSeconds ?? 60,
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
    };
  }

  /** The stream the condition needs, held; the datafeed's refusal as a 400 naming the field. */
  private async hold(condition: AlertCondition): Promise<SharedStream> {
    const { symbol, resolution } = streamOf(condition);
    try {
      return await this.deps.hub.acquire(symbol, resolution);
    } catch (err) {
      if (err instanceof TopicError)
        throw new AlertRejection(
          err.code,
          err.message,
          err.code === "UNKNOWN_RESOLUTION"
            ? "condition.resolution"
            : "condition.symbol",
        );
      throw err;
    }
  }

  /** Run a write with the stream held, letting go of it when the write fails. */
  private async stored<T>(
    stream: SharedStream,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write();
    } catch (err) {
      this.deps.hub.release(stream);
      throw err;
    }
  }
}

const notFound = (id: string): AlertRejection =>
  new AlertRejection("NOT_FOUND", `no alert ${id}`);
