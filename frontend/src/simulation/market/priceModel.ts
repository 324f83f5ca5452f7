import { DAY_MS, HOUR_MS, MINUTE_MS } from "@tradewire/client";
import type { Bar_Ws_Backend } from "../../clients/ws-types-generated";
import type { SimulatedInstrument } from "./catalog";
import { hash01, seedOf, valueNoise } from "./noise";

/** Wave lengths and weights of the price path: slow drifts plus ever finer wiggles. */
const OCTAVES: readonly (readonly [number, number])[] = [
  [30 * DAY_MS, 1],
  [5 * DAY_MS, 0.5],
  [DAY_MS, 0.25],
  [4 * HOUR_MS, 0.12],
  [HOUR_MS, 0.06],
  [15 * MINUTE_MS, 0.03],
  [3 * MINUTE_MS, 0.015],
  [30_000, 0.008],
  [4_000, 0.004],
];

const SAMPLES_PER_BAR = 16;

/** The instrument's price at `time`: a pure function, so any bar can be rebuilt at any time. */
export function priceAt(instrument: SimulatedInstrument, time: number): number {
  const seed = seedOf(instrument.info.ticker);
  let deviation = 0;
  OCTAVES.forEach(([period, weight], k) => {
    deviation += weight * valueNoise(seed + k * 7919, time / period);
  });
  return (
    instrument.basePrice * Math.exp(instrument.volatility * 0.25 * deviation)
  );
}

/** Rounds to the instrument's tick grid. */
export function onGrid(instrument: SimulatedInstrument, price: number): number {
  const { minmov, pricescale } = instrument.info;
  const ticks = Math.round((price * pricescale) / minmov);
  return (ticks * minmov) / pricescale;
}

/** The bar of `size` ms opening at `start`, formed up to `now` when it is still open. */
export function barAt(
  instrument: SimulatedInstrument,
  start: number,
  size: number,
  now: number,
): Bar_Ws_Backend {
  const end = Math.min(start + size, now);
  const prices: number[] = [];
  for (let i = 0; i <= SAMPLES_PER_BAR; i += 1) {
    prices.push(
      priceAt(instrument, start + ((end - start) * i) / SAMPLES_PER_BAR),
    );
  }
  const formed = Math.max(0, Math.min(1, (end - start) / size));
  const wobble =
    0.5 + hash01(seedOf(instrument.info.ticker), Math.floor(start / MINUTE_MS));
  const volume =
    instrument.minuteVolume *
    Math.pow(size / MINUTE_MS, 0.85) *
    wobble *
    formed;
  const precision = instrument.info.volume_precision;
  return {
    time: start,
    open: onGrid(instrument, prices[0] ?? instrument.basePrice),
    high: onGrid(instrument, Math.max(...prices)),
    low: onGrid(instrument, Math.min(...prices)),
    close: onGrid(
      instrument,
      prices[prices.length - 1] ?? instrument.basePrice,
    ),
    volume: Number(volume.toFixed(precision)),
  };
}

const VWAP_SAMPLES = 32;

/**
 * The session VWAP from `sessionStart` to `end`, as the server stamps on every bar: prices sampled
 * across the stretch, weighted by the same per-minute volume wobble the bars use. Sampled rather
 * than summed minute by minute so a year of daily bars stays cheap.
 */
export function sessionVwap(
  instrument: SimulatedInstrument,
  sessionStart: number,
  end: number,
): number {
  const seed = seedOf(instrument.info.ticker);
  let weighted = 0;
  let weights = 0;
  for (let i = 0; i < VWAP_SAMPLES; i += 1) {
    const time =
      sessionStart + ((end - sessionStart) * (i + 0.5)) / VWAP_SAMPLES;
    const weight = 0.5 + hash01(seed, Math.floor(time / MINUTE_MS));
    weighted += priceAt(instrument, time) * weight;
    weights += weight;
  }
  return weighted / weights;
}
