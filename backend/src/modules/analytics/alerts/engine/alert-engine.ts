import type { AlertEvent, AlertRule } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../../clock";
import type { MarketData } from "../../../../contracts/market-data";
import type { AlertsConfig } from "../config";
import { readerOf, streamOf, type Reading } from "../evaluation/conditions";
import { ArmedRule, type RuleOutcomes } from "../evaluation/armed-rule";
import type { SharedStream, StreamHub } from "../evaluation/stream-hub";
import type { StreamState } from "../evaluation/stream-state";
import type { AlertMetrics } from "../metrics";
import type { Firing, StoredRule } from "../model";
import { firedMessage, tickDecimals } from "../rules/describe";
import type { AlertStore } from "../store/alert-store";
import type { KeyedQueue } from "../../../../concurrency/keyed-queue";
import type { AlertBus } from "./alert-bus";

/** A firing waiting to be stored, with when its trade was evaluated. */
interface PendingFiring {
  readonly firing: Firing;
  readonly evaluatedAt: number;
}

export interface ArmingDeps {
  readonly store: AlertStore;
  readonly hub: StreamHub;
  readonly market: MarketData;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly bus: AlertBus;
  readonly metrics: AlertMetrics;
  readonly queue: KeyedQueue;
  readonly limits: AlertsConfig;
}

/**
 * The armed rules and what happens when one fires or expires: its new state and its event are
 * stored first (one transaction, refused when the rule changed meanwhile), then published, so a
 * firing is delivered once and never again after a reconnect or a restart.
 */
export class AlertArming implements RuleOutcomes {
  private readonly pending = new Map<string, PendingFiring[]>();
  /** Tick decimals by symbol, read once: a trade can fire many rules of one symbol. */
  private readonly decimals = new Map<string, number>();
  private readonly armed = new Map<
    string,
    { armed: ArmedRule; stream: SharedStream }
  >();

  constructor(private readonly deps: ArmingDeps) {}

  get size(): number {
    return this.armed.size;
  }

  /** Evaluate `stored` on `stream` (already held for it) from the next trade on. */
  attach(stored: StoredRule, stream: SharedStream): void {
    const reader = readerOf(stored.rule.condition, stream.state);
    const armed = new ArmedRule(stored, reader, this);
    this.armed.set(stored.rule.id, { armed, stream });
    stream.watchers.add(armed);
    this.deps.metrics.activeRules.set(this.armed.size);
  }

  /** The definition version the rule is armed at; undefined when it is not armed. */
  versionOf(id: string): number | undefined {
    return this.armed.get(id)?.armed.stored.version;
  }

  /** The armed rules, as the engine holds them now. */
  armedRules(): StoredRule[] {
    return [...this.armed.values()].map((e) => e.armed.stored);
  }

  /** Stop evaluating the rule at once and let go of its stream. */
  detach(id: string): void {
    const entry = this.armed.get(id);
    if (!entry) return;
    this.armed.delete(id);
    entry.armed.live = false;
    entry.stream.watchers.delete(entry.armed);
    entry.armed.reader.release();
    this.deps.hub.release(entry.stream);
    this.deps.metrics.activeRules.set(this.armed.size);
  }

  /** Hold the stream `stored` is evaluated on, then arm it; logs and skips a refused one. */
  async rearm(stored: StoredRule): Promise<void> {
    const { symbol, resolution } = streamOf(stored.rule.condition);
    try {
      this.attach(stored, await this.deps.hub.acquire(symbol, resolution));
    } catch (err) {
      this.deps.log.warn(
        { err, alertId: stored.rule.id },
        "alert rule cannot be armed",
      );
    }
  }

  fire(
    armed: ArmedRule,
    state: StreamState,
    reading: Reading,
    evaluatedAt: number,
  ): void {
    const trade = state.trade;
    if (!trade) return;
    const before = armed.stored;
    const rule: AlertRule = {
      ...before.rule,
      fireCount: before.rule.fireCount + 1,
      lastFiredAt: trade.time,
      updatedAt: this.deps.clock.now(),
      status: before.rule.repeat ? "active" : "triggered",
    };
    armed.stored = { ...before, rule };
    if (!rule.repeat) this.detach(rule.id);
    const { condition } = rule;
    const decimals = this.decimalsOf(condition.symbol);
    const event: Omit<AlertEvent, "sequence"> = {
      alertId: rule.id,
      name: rule.name,
      symbol: condition.symbol,
      condition,
      firedAt: trade.time,
      price: trade.price,
      ...(reading.value !== undefined ? { value: reading.value } : {}),
      message: firedMessage(condition, decimals, trade.price, reading.value),
    };
    const { accountId, version } = before;
    this.store(accountId, {
      firing: { accountId, version, rule, event },
      evaluatedAt,
    });
  }

  /**
   * Queue a firing for storing. Firings that wait for the account's previous write are stored
   * together in one transaction: a trade that fires many rules costs one write, not one each.
   */
  private store(accountId: string, pending: PendingFiring): void {
    const waiting = this.pending.get(accountId);
    if (waiting) {
      waiting.push(pending);
      return;
    }
    const batch = [pending];
    this.pending.set(accountId, batch);
    void this.deps.queue
      .run(accountId, async () => {
        this.pending.delete(accountId);
        const stored = await this.deps.store.fire(
          accountId,
          batch.map((p) => p.firing),
        );
        batch.forEach((p, i) => this.publish(p, stored[i] ?? null));
      })
      .catch((err: unknown) =>
        this.deps.log.error(
          { err, accountId, firings: batch.length },
          "fired alerts could not be stored",
        ),
      );
  }

  private publish(
    { firing, evaluatedAt }: PendingFiring,
    event: AlertEvent | null,
  ): void {
    if (!event) return;
    const { accountId, rule } = firing;
    this.deps.metrics.fired.inc({ type: rule.condition.type });
    this.deps.bus.emit(accountId, { kind: "rule", rule });
    this.deps.bus.emit(accountId, { kind: "event", event });
    this.deps.metrics.deliverySeconds.observe(
      (performance.now() - evaluatedAt) / 1000,
    );
  }

  private decimalsOf(symbol: string): number {
    let decimals = this.decimals.get(symbol);
    if (decimals === undefined)
      this.decimals.set(
        symbol,
        (decimals = tickDecimals(this.deps.market.instrument(symbol))),
      );
    return decimals;
  }

  expire(armed: ArmedRule): void {
    this.detach(armed.rule.id);
    const stored: StoredRule = {
      ...armed.stored,
      rule: {
        ...armed.rule,
        status: "expired",
        updatedAt: this.deps.clock.now(),
      },
    };
    void this.deps.queue
      .run(stored.accountId, async () => {
        if (await this.deps.store.expire(stored))
          this.deps.bus.emit(stored.accountId, {
            kind: "rule",
            rule: stored.rule,
          });
      })
      .catch((err: unknown) =>
        this.deps.log.error(
          { err, alertId: stored.rule.id },
          "an alert could not expire",
        ),
      );
  }

  /** Expire the armed rules whose time has come, even on a symbol that does not trade. */
  sweep(): void {
    const now = this.deps.clock.now();
    for (const { armed } of [...this.armed.values()])
      if (armed.rule.expiresAt !== undefined && armed.rule.expiresAt <= now)
        this.expire(armed);
  }

  detachAll(): void {
    for (const id of [...this.armed.keys()]) this.detach(id);
  }
}
