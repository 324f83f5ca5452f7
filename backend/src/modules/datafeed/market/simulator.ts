import { MINUTE_MS } from "@tradewire/client";
import type { CatalogEntry } from "./instrument";
import { contractActivity } from "./futures";
import { marketModel, type MarketModel } from "./model";
import { MinuteRandom, minuteKey, streamKey } from "./random";
import { sessionIndexAt } from "./session";
import type { MinuteBar, Trade } from "./types";

/**
 * The deterministic market. A minute's trades are a pure function of (seed, symbol, minute,
 * previous close): the minute's random stream comes from hashing the first three, and the price
 * path starts at the previous close. Any minute can be recomputed alone, so a live feed, a
 * restart and a backfill all agree.
 *
 * Price: geometric Brownian motion of a mid price, one step per trade, with mild mean reversion of
 * the log price toward the instrument's initial price; trades print at the bid or the ask around
 * the mid, on the tick grid. Activity: a Poisson number of trades per minute following the
 * intraday profile, with occasional busy minutes (news) that are both more active and more
 * volatile, which gives the fat tails of real minute returns.
 *
 * Futures contracts of one root share the price stream, so they move together. Each contract
 * prints a share of the root's trades that follows its life (`contractActivity`: deferred months
 * thin, volume migrating to the next contract over the two weeks before expiry, nothing after
 * expiry): trades are thinned by a draw from the contract's own stream, and the minute's last
 * trade is always kept, so the close, and with it the price path, stays the root's.
 */

const SPIKE_PROBABILITY = 0.02;
const SPIKE_VOLATILITY = 3;
const SPIKE_ACTIVITY = 2.5;
/** Calm minutes are a little quieter so that the average variance stays as configured. */
const CALM_VOLATILITY = Math.sqrt(
  (1 - SPIKE_PROBABILITY * SPIKE_VOLATILITY ** 2) / (1 - SPIKE_PROBABILITY),
);

export interface MinuteSimulation {
  readonly trades: Trade[];
  /** Null outside the session and in the rare minute without trades. */
  readonly bar: MinuteBar | null;
}

/**
 * The trades and 1-minute bar of the minute starting at `minuteStartMs` (a whole minute, UTC ms),
 * continuing from `prevClose`: the close of the latest earlier bar (or the start price).
 */
export function simulateMinute(
  entry: CatalogEntry,
  seed: number,
  minuteStartMs: number,
  prevClose: number,
): MinuteSimulation {
  checkMinute(minuteStartMs);
  checkPrice(prevClose);
  const model = marketModel(entry);
  const trades: Trade[] = [];
  const stream = streamKey(seed, model.streamName);
  const bar = runMinute(
    model,
    new Draws(seed, model),
    stream,
    minuteStartMs,
    prevClose,
    trades,
  );
  return { trades, bar };
}

/**
 * The 1-minute bars of every minute starting in [fromMs, toMs), ascending, exactly as
 * `simulateMinute` would produce them one by one from `startPrice`. Minutes without a bar are
 * skipped and the price carries over them.
 */
export function generateBars(
  entry: CatalogEntry,
  seed: number,
  fromMs: number,
  toMs: number,
  startPrice: number,
): MinuteBar[] {
  checkPrice(startPrice);
  const model = marketModel(entry);
  const rng = new Draws(seed, model);
  const stream = streamKey(seed, model.streamName);
  const bars: MinuteBar[] = [];
  let close = startPrice;
  for (
    let time = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS;
    time < toMs;
    time += MINUTE_MS
  ) {
    const bar = runMinute(model, rng, stream, time, close, null);
    if (bar !== null) {
      bars.push(bar);
      close = bar.close;
    }
  }
  return bars;
}

/** The market's random stream, plus a futures contract's own stream for thinning its prints. */
class Draws extends MinuteRandom {
  readonly thin = new MinuteRandom();
  readonly thinStream: number;

  constructor(seed: number, model: MarketModel) {
    super();
    this.thinStream = streamKey(seed, `${model.entry.ticker}/prints`);
  }
}

/** One minute; appends its trades to `trades` when given (the backfill skips them). */
function runMinute(
  model: MarketModel,
  rng: Draws,
  stream: number,
  time: number,
  prevClose: number,
  trades: Trade[] | null,
): MinuteBar | null {
  const index = sessionIndexAt(model.session, time);
  if (index < 0) return null;
  const life = model.entry.sim.life;
  const share = life ? contractActivity(life, time) : 1;
  if (share <= 0) return null;
  if (share < 1) rng.thin.reset(minuteKey(rng.thinStream, time / MINUTE_MS));
  rng.reset(minuteKey(stream, time / MINUTE_MS));
  const activity = model.profile[index] as number;
  const spike = rng.uniform() < SPIKE_PROBABILITY;
  const count = rng.poisson(
    model.tradesPerMinute * activity * (spike ? SPIKE_ACTIVITY : 1),
  );
  if (count === 0) return null;

  let logStart = Math.log(prevClose);
  logStart -= model.reversionPerMinute * (logStart - model.logAnchor);
  // Sessions open at their first minute; it gaps when the market was closed just before.
  if (
    index === 0 &&
    model.gapSd > 0 &&
    sessionIndexAt(model.session, time - MINUTE_MS) < 0
  ) {
    logStart += model.gapSd * rng.gaussian();
  }
  const stepSd =
    Math.sqrt((model.minuteVariance * activity) / count) *
    (spike ? SPIKE_VOLATILITY : CALM_VOLATILITY);

  // Rounding is Math.floor(x + 0.5) throughout: V8 compiles it to far cheaper code than
  // Math.round, and the two agree for the positive values rounded here.
  const { minmov, pricescale, spreadTicks, ticksPerPrice } = model;
  const halfSpread = spreadTicks / 2;
  let open = 0;
  let high = 0;
  let low = Number.POSITIVE_INFINITY;
  let close = 0;
  let volumeUnits = 0;
  let notional = 0;
  // exp(logStart + walk) as exp(logStart) times a Taylor series of exp(walk), saving an exp per
  // trade: even a 5-sigma minute of the most volatile coin keeps |walk| < 0.02, where the error
  // is below 3e-11 (far below a tick), and the degree-4 series is positive for any walk.
  const startMid = Math.exp(logStart) * ticksPerPrice;
  let walk = 0;
  let printed = 0;
  for (let i = 0; i < count; i++) {
    walk += stepSd * rng.gaussian();
    const growth = 1 + walk * (1 + walk * (0.5 + walk * (1 / 6 + walk / 24)));
    let bid = Math.floor(startMid * growth - halfSpread + 0.5);
    if (bid < 1) bid = 1;
    // One draw decides the aggressor (top bit) and where in its slot of the minute it prints.
    const sideAndTime = rng.nextUint32();
    const buy = sideAndTime >= 0x80000000;
    const slot = (sideAndTime & 0x7fffffff) / 0x80000000;
    const offset = Math.floor(((i + slot) * MINUTE_MS) / count);
    const priceTicks = buy ? bid + spreadTicks : bid;
    const sizeUnits = drawSize(model, rng);
    // Every draw above is made either way, so a thinned contract keeps the root's path.
    if (share < 1 && i < count - 1 && rng.thin.uniform() >= share) continue;
    if (printed++ === 0) open = priceTicks;
    if (priceTicks > high) high = priceTicks;
    if (priceTicks < low) low = priceTicks;
    close = priceTicks;
    volumeUnits += sizeUnits;
    notional += priceTicks * sizeUnits;
    if (trades !== null) {
      trades.push({
        time: time + offset,
        price: (priceTicks * minmov) / pricescale,
        size: sizeUnits / model.sizeScale,
        side: buy ? 1 : -1,
      });
    }
  }
  return {
    time,
    open: (open * minmov) / pricescale,
    high: (high * minmov) / pricescale,
    low: (low * minmov) / pricescale,
    close: (close * minmov) / pricescale,
    volume: volumeUnits / model.sizeScale,
    vwap: ((notional / volumeUnits) * minmov) / pricescale,
    trades: printed,
  };
}

/** Log-normal around the typical size, in whole lots, snapped to round lots when large. */
function drawSize(model: MarketModel, rng: MinuteRandom): number {
  const raw = model.typicalUnits * rng.fromTable(model.sizeMultipliers);
  const lot = model.lotUnits;
  let units = Math.max(lot, Math.floor(raw / lot + 0.5) * lot);
  const roundLot = model.roundLotUnits;
  if (roundLot > 0 && units >= roundLot) {
    units = Math.floor(units / roundLot + 0.5) * roundLot;
  }
  return units;
}

function checkMinute(minuteStartMs: number): void {
  if (!Number.isSafeInteger(minuteStartMs) || minuteStartMs % MINUTE_MS !== 0) {
    throw new RangeError(
      `minute start ${minuteStartMs} is not a whole UTC minute`,
    );
  }
}

function checkPrice(price: number): void {
  if (!Number.isFinite(price) || price <= 0) {
    throw new RangeError(`price ${price} must be positive`);
  }
}
