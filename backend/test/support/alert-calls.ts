import type { AlertEvent, AlertRule, Bar } from "@tradewire/client";
import type { BarStream, TradePrint } from "../../src/contracts/bar-streams";
import type { TradingApp } from "./trading-app";

export type AlertCondition = AlertRule["condition"];

/** The alert REST calls as a test makes them; `query` such as `?accountId=acc-alice-swing`. */
export function alertCalls(app: () => Pick<TradingApp, "request">) {
  return {
    create: <T = AlertRule>(token: string, body: unknown, query = "") =>
      app().request<T>("POST", `/api/v1/alerts${query}`, { token, body }),
    replace: <T = AlertRule>(
      token: string,
      id: string,
      body: unknown,
      query = "",
    ) =>
      app().request<T>("PUT", `/api/v1/alerts/${id}${query}`, { token, body }),
    remove: <T = AlertRule>(token: string, id: string, query = "") =>
      app().request<T>("DELETE", `/api/v1/alerts/${id}${query}`, { token }),
    get: <T = AlertRule>(token: string, id: string, query = "") =>
      app().request<T>("GET", `/api/v1/alerts/${id}${query}`, { token }),
    list: <T = AlertRule[]>(token: string, query = "") =>
      app().request<T>("GET", `/api/v1/alerts${query}`, { token }),
    events: <T = { items: AlertEvent[]; nextBefore?: number }>(
      token: string,
      query = "",
    ) => app().request<T>("GET", `/api/v1/alerts/events${query}`, { token }),
  };
}

/**
 * What the test itself sees of the market: every trade and closed bar of one symbol at one
 * resolution, through the same BarStreams contract the alerts read, so the expected firings are
 * worked out from the trades the server evaluated.
 */
export class Tape {
  readonly trades: TradePrint[] = [];
  readonly closed: Bar[] = [];
  private constructor(private stream: BarStream | null) {}

  static async open(
    t: Pick<TradingApp, "datafeed">,
    symbol: string,
    resolution = "1",
    history = 0,
  ): Promise<Tape> {
    if (!t.datafeed) throw new Error("a tape needs the datafeed's market");
    const tape = new Tape(null);
    tape.stream = await t.datafeed.stream(symbol, resolution, history, (e) => {
      tape.trades.push(...e.trades);
      tape.closed.push(...e.closed);
    });
    tape.closed.unshift(...tape.stream.history);
    return tape;
  }

  get last(): TradePrint {
    const trade = this.trades.at(-1);
    if (!trade) throw new Error("no trade on the tape yet");
    return trade;
  }

  /** Lowest and highest price of the trades from `from` on. */
  range(from = 0): { low: number; high: number } {
    const prices = this.trades.slice(from).map((t) => t.price);
    return { low: Math.min(...prices), high: Math.max(...prices) };
  }

  stop(): void {
    this.stream?.stop();
  }
}

/**
 * The spec's firing rule, worked out on a tape independently of the server: from the trade at
 * `armedAt` on, fire where `holds` turns from false to true (the first trade only sets the
 * state), at most once per `cooldownMs` (counted from `lastFiredAt` when given) when
 * repeating, once when not.
 */
export function expectedFirings(
  trades: readonly TradePrint[],
  armedAt: number,
  holds: (index: number) => boolean | null,
  options: { repeat?: boolean; cooldownMs?: number; lastFiredAt?: number } = {},
): TradePrint[] {
  const fired: TradePrint[] = [];
  let lastTime = options.lastFiredAt ?? null;
  let held: boolean | null = null;
  for (let i = armedAt; i < trades.length; i++) {
    const trade = trades[i] as TradePrint;
    const now = holds(i);
    if (now === null) continue;
    const was = held;
    held = now;
    if (was !== false || !now) continue;
    if (
      lastTime !== null &&
      trade.time - lastTime < (options.cooldownMs ?? 60_000)
    )
      continue;
    fired.push(trade);
    lastTime = trade.time;
    if (!options.repeat) break;
  }
  return fired;
}
