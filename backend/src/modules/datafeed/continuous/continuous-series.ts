import { DAY_MS, MINUTE_MS } from "@tradewire/client";
import type { Clock } from "../../../clock";
import type { BarHistory } from "../bar-history";
import { tradingDay, type CatalogEntry } from "../market";
import type { SymbolCatalog } from "../symbol-catalog";
import {
  withAdjustments,
  type RollFact,
  type RollPolicy,
} from "./roll-adjustments";
import {
  calendarRollTime,
  latestRoll,
  nextBusinessDay,
  tradingDayStart,
  volumeRollTime,
  type DailyVolumes,
} from "./roll-schedule";
import { RollSchedule } from "./roll-schedule-view";
import type { RollKey, RollStore } from "./roll-store";

/** Defaults of the spec: TradingView switches on volume; CME's roll date is 6 business days out. */
export const DEFAULT_ROLL_POLICY: RollPolicy = "volume";
export const DEFAULT_ROLL_DAYS = 6;
/** Daily volumes are compared over the last weeks of a contract only: the migration is there. */
const VOLUME_LOOKBACK = 21 * DAY_MS;

export interface ContinuousSeriesDeps {
  readonly catalog: SymbolCatalog;
  readonly history: BarHistory;
  readonly store: RollStore;
  readonly clock: Clock;
  /** Start of the stored history (UTC ms): rolls before it are not part of any series here. */
  readonly historyStart: () => number;
}

export interface Cached {
  readonly schedule: RollSchedule;
  /** The schedule may change from this time on (a day completes, a calendar roll arrives). */
  readonly checkAt: number;
}

/**
 * Roll schedules of continuous series, computed from the stored contract histories, stored, and
 * kept in memory until the clock reaches the next moment a roll could be decided.
 */
export class ContinuousSeries {
  private readonly cache = new Map<string, Promise<Cached>>();
  /** The newest default-policy schedule of each series, for `knownContract`. */
  private readonly latest = new Map<string, RollSchedule>();

  constructor(private readonly deps: ContinuousSeriesDeps) {}

  /** The stored contracts of a root, by expiry. */
  contracts(root: string): CatalogEntry[] {
    return this.deps.catalog.stored
      .filter((e) => e.sim.life !== undefined && e.ticker.startsWith(root))
      .sort(
        (a, b) => (a.sim.life?.expiresAt ?? 0) - (b.sim.life?.expiresAt ?? 0),
      );
  }

  /** The roll schedule of a continuous entry under a policy, up to now. */
  async schedule(
    entry: CatalogEntry,
    policy: RollPolicy = DEFAULT_ROLL_POLICY,
    rollDays = DEFAULT_ROLL_DAYS,
  ): Promise<RollSchedule> {
    return (await this.cached(entry, policy, rollDays)).schedule;
  }

  /** The default-policy schedule live feeds follow, and when it may next change. */
  live(entry: CatalogEntry): Promise<Cached> {
    return this.cached(entry, DEFAULT_ROLL_POLICY, DEFAULT_ROLL_DAYS);
  }

  private async cached(
    entry: CatalogEntry,
    policy: RollPolicy,
    rollDays: number,
  ): Promise<Cached> {
    const key: RollKey = {
      series: entry.ticker,
      policy,
      rollDays: policy === "volume" ? 0 : rollDays,
    };
    const id = `${key.series}|${key.policy}|${key.rollDays}`;
    const now = this.deps.clock.now();
    const cached = this.cache.get(id);
    if (cached) {
      const known = await cached;
      if (now < known.checkAt) return known;
      if (this.cache.get(id) !== cached)
        return this.cached(entry, policy, rollDays);
    }
    const computing = this.compute(entry, key, now);
    this.cache.set(id, computing);
    computing.catch(() => this.cache.delete(id));
    return computing;
  }

  /**
   * The contract a series follows now, without I/O: from the last default-policy schedule
   * computed, else the `rank`-th contract not yet expired. For messages (the broker's refusal).
   */
  knownContract(entry: CatalogEntry): string {
    const now = this.deps.clock.now();
    const known = this.latest.get(entry.ticker);
    if (known) return known.contractAt(now);
    const rank = entry.continuous?.rank ?? 1;
    const live = this.contracts(entry.continuous?.root ?? "").filter(
      (c) => (c.sim.life?.expiresAt ?? 0) > now,
    );
    return live[rank - 1]?.ticker ?? entry.ticker;
  }

  private async compute(
    entry: CatalogEntry,
    key: RollKey,
    now: number,
  ): Promise<Cached> {
    const spec = entry.continuous;
    if (!spec) throw new Error(`${entry.ticker} is not a continuous series`);
    const { store, historyStart } = this.deps;
    const since = historyStart();
    const contracts = this.contracts(spec.root);
    const closedUntil = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    let facts = await store.load(key);
    const added: RollFact[] = [];
    let checkAt = Number.POSITIVE_INFINITY;
    let current: string | null = null;
    for (let k = 0; k + spec.rank < contracts.length; k++) {
      const front = contracts[k] as CatalogEntry;
      const next = contracts[k + 1] as CatalogEntry;
      const from = contracts[k + spec.rank - 1] as CatalogEntry;
      const to = contracts[k + spec.rank] as CatalogEntry;
      if (facts.some((f) => f.from === from.ticker)) continue;
      const expiresAt = front.sim.life?.expiresAt ?? 0;
      if (expiresAt <= since) continue;
      let time: number | null;
      if (key.policy === "calendar") {
        time = calendarRollTime(entry, expiresAt, key.rollDays);
      } else {
        await this.catchUpContracts([front, next], closedUntil);
        time = volumeRollTime(
          entry,
          expiresAt,
          await this.dailyVolumes(entry, front, next, since, now),
          now,
        );
      }
      if (time === null || time > now) {
        current = from.ticker;
        checkAt =
          time ??
          Math.min(
            latestRoll(entry, expiresAt),
            tradingDayStart(entry, nextBusinessDay(tradingDay(entry, now))),
          );
        break;
      }
      if (time <= since) continue;
      await this.catchUpContracts([from, to], closedUntil);
      const closes = await Promise.all(
        [from, to].map((c) => this.deps.history.lastBefore(c.ticker, time, 1)),
      );
      const fromClose = closes[0]?.[0]?.close;
      const toClose = closes[1]?.[0]?.close;
      if (fromClose === undefined || toClose === undefined) continue;
      added.push({
        time,
        tradingDay: tradingDay(entry, time),
        from: from.ticker,
        to: to.ticker,
        fromClose,
        toClose,
      });
    }
    if (added.length > 0 && this.deps.history.writing) {
      await store.add(key, added);
      // Read back: another instance may have stored a roll first, and its answer is the one kept.
      facts = await store.load(key);
    } else if (added.length > 0) {
      // A cluster follower writes nothing: it serves what it computed from the leader's minutes
      // (the same bars, so the same rolls) until the leader has stored them.
      facts = [...facts, ...added];
    }
    const rolls = withAdjustments(facts);
    const fallback =
      rolls.at(-1)?.to ?? contracts[spec.rank - 1]?.ticker ?? entry.ticker;
    const schedule = new RollSchedule(entry, rolls, current ?? fallback);
    if (key.policy === DEFAULT_ROLL_POLICY)
      this.latest.set(entry.ticker, schedule);
    return { schedule, checkAt };
  }

  /** Bring the history of every contract a schedule serves up to `untilMs`. */
  catchUp(schedule: RollSchedule, untilMs: number): Promise<void> {
    const tickers = new Set([
      ...schedule.rolls.map((r) => r.from),
      schedule.current,
    ]);
    return this.catchUpContracts(
      this.deps.catalog.stored.filter((e) => tickers.has(e.ticker)),
      untilMs,
    );
  }

  /** Bring contracts' stored history up to `untilMs` (a follower reads what the leader stored). */
  private async catchUpContracts(
    contracts: readonly CatalogEntry[],
    untilMs: number,
  ): Promise<void> {
    const { history } = this.deps;
    for (const c of contracts)
      if (history.cursor(c.ticker).next < untilMs)
        await history.catchUp(c, untilMs);
  }

  /** Volumes of the front and next contract per trading day, over the front's last weeks. */
  private async dailyVolumes(
    entry: CatalogEntry,
    front: CatalogEntry,
    next: CatalogEntry,
    since: number,
    now: number,
  ): Promise<DailyVolumes[]> {
    const expiresAt = front.sim.life?.expiresAt ?? 0;
    const from = Math.max(since, expiresAt - VOLUME_LOOKBACK);
    const to = Math.min(now, expiresAt);
    if (from >= to) return [];
    const days = new Map<number, { front: number; next: number }>();
    const add = async (ticker: string, side: "front" | "next") => {
      for (const bar of await this.deps.history.range(ticker, from, to)) {
        const day = tradingDay(entry, bar.time);
        const sums = days.get(day) ?? { front: 0, next: 0 };
        sums[side] += bar.volume;
        days.set(day, sums);
      }
    };
    await add(front.ticker, "front");
    await add(next.ticker, "next");
    return [...days.entries()]
      .sort(([a], [b]) => a - b)
      .map(([day, sums]) => ({ day, ...sums }));
  }
}
