import type {
  AlertEventPage_Api_Backend,
  AlertEvent_Api_Backend,
  AlertRuleInput_Api_Backend,
  AlertRule_Api_Backend,
} from "../../clients/api-types-generated";
import type { PriceSource } from "../broker/priceSource";
import type { SimulationClock } from "../clock";
import { Fanout } from "../fanout";
import { SimulatedError } from "../simulatedError";
import { crossed, describeFiring } from "./priceRules";

/** Rules one simulated account may hold, as the server's default `ALERTS_MAX_PER_ACCOUNT`. */
export const SIMULATED_ALERT_LIMIT = 200;

/**
 * The simulation's alerts: price-cross and price-channel rules evaluated on every tick of the
 * broker's prices (the simulated market's, or the live quotes beside a simulated broker); the
 * other rule types need server-side bars and are refused. Rules and
 * firings leave it in the wire shapes, like the server's REST answers and channels.
 */
export class SimulatedAlerts {
  private readonly rules = new Map<string, AlertRule_Api_Backend>();
  /** The side of each rule's level the last price was on; unset until the first tick after arming. */
  private readonly sides = new Map<string, number>();
  /** When each rule last fired since it was (re-)armed: the start of its cooldown. */
  private readonly cooldownFrom = new Map<string, number>();
  private readonly events: AlertEvent_Api_Backend[] = [];
  private readonly ruleFanout = new Fanout<AlertRule_Api_Backend>();
  private readonly eventFanout = new Fanout<AlertEvent_Api_Backend>();
  private nextId = 0;
  private stopTicks: (() => void) | undefined;

  constructor(
    private readonly prices: PriceSource,
    private readonly clock: SimulationClock,
  ) {}

  list(): AlertRule_Api_Backend[] {
    return [...this.rules.values()].reverse();
  }

  create(input: AlertRuleInput_Api_Backend): AlertRule_Api_Backend {
    if (this.rules.size >= SIMULATED_ALERT_LIMIT)
      throw new SimulatedError("ALERT_LIMIT", "too many alert rules", 422);
    this.nextId += 1;
    const now = this.clock.now();
    return this.store({
      ...this.checked(input),
      id: `sim-alert-${this.nextId}`,
      status: "active",
      createdAt: now,
      updatedAt: now,
      fireCount: 0,
    });
  }

  replace(
    id: string,
    input: AlertRuleInput_Api_Backend,
  ): AlertRule_Api_Backend {
    const rule = this.get(id);
    return this.store({
      ...rule,
      ...this.checked(input),
      status: "active",
      updatedAt: this.clock.now(),
    });
  }

  remove(id: string): AlertRule_Api_Backend {
    const deleted = { ...this.get(id), status: "deleted" as const };
    this.rules.delete(id);
    this.sides.delete(id);
    this.cooldownFrom.delete(id);
    this.ruleFanout.emit(deleted);
    return deleted;
  }

  eventsPage(before?: number, limit = 100): AlertEventPage_Api_Backend {
    const older = this.events
      .filter((e) => before === undefined || e.sequence < before)
      .reverse();
    const items = older.slice(0, limit);
    const last = items[items.length - 1];
    return older.length > limit && last
      ? { items, nextBefore: last.sequence }
      : { items };
  }

  watchRules(emit: (rule: AlertRule_Api_Backend) => void): () => void {
    return this.ruleFanout.add(emit, this.list());
  }

  watchEvents(
    since: number | undefined,
    emit: (event: AlertEvent_Api_Backend) => void,
  ): () => void {
    const replay =
      since === undefined ? [] : this.events.filter((e) => e.sequence > since);
    return this.eventFanout.add(emit, replay);
  }

  private get(id: string): AlertRule_Api_Backend {
    const rule = this.rules.get(id);
    if (!rule) throw new SimulatedError("NOT_FOUND", `no alert ${id}`, 404);
    return rule;
  }

  private checked(input: AlertRuleInput_Api_Backend) {
    const { condition } = input;
    if (condition.type !== "price-cross" && condition.type !== "price-channel")
      throw new SimulatedError(
        "INVALID_PARAMS",
        `the simulation evaluates price-cross and price-channel alerts, not ${condition.type}`,
        400,
        "condition/type",
      );
    if (this.prices.tickSize(condition.symbol) === undefined)
      throw new SimulatedError(
        "UNKNOWN_SYMBOL",
        `unknown symbol ${JSON.stringify(condition.symbol)}`,
        400,
        "condition/symbol",
      );
    return {
      name: input.name ?? `${condition.symbol} ${condition.type}`,
      condition,
      repeat: input.repeat ?? false,
      cooldownSeconds: input.cooldownSeconds ?? 60,
      ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
    };
  }

  private store(rule: AlertRule_Api_Backend): AlertRule_Api_Backend {
    this.rules.set(rule.id, rule);
    this.sides.delete(rule.id);
    this.cooldownFrom.delete(rule.id);
    this.prices.watch(rule.condition.symbol);
    this.stopTicks ??= this.prices.onTick(() => this.evaluate());
    this.ruleFanout.emit(rule);
    return rule;
  }

  private evaluate(): void {
    const now = this.clock.now();
    for (const rule of [...this.rules.values()]) {
      if (rule.status !== "active") continue;
      const price = this.prices.price(rule.condition.symbol);
      if (price === undefined) continue;
      const side = crossed(rule.condition, this.sides.get(rule.id), price);
      this.sides.set(rule.id, side.now);
      const from = this.cooldownFrom.get(rule.id);
      const cooling =
        from !== undefined && now - from < rule.cooldownSeconds * 1000;
      if (side.fired && !cooling) this.fire(rule, price, now);
    }
  }

  private fire(rule: AlertRule_Api_Backend, price: number, now: number): void {
    const event: AlertEvent_Api_Backend = {
      sequence: this.events.length + 1,
      alertId: rule.id,
      name: rule.name,
      symbol: rule.condition.symbol,
      condition: rule.condition,
      firedAt: now,
      price,
      message: describeFiring(rule.condition, price),
    };
    this.events.push(event);
    this.cooldownFrom.set(rule.id, now);
    const fired: AlertRule_Api_Backend = {
      ...rule,
      status: rule.repeat ? "active" : "triggered",
      lastFiredAt: now,
      fireCount: rule.fireCount + 1,
      updatedAt: now,
    };
    this.rules.set(rule.id, fired);
    this.ruleFanout.emit(fired);
    this.eventFanout.emit(event);
  }
}
