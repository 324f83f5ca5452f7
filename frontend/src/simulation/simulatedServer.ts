import { findInstrument } from "./market/catalog";
import { SimulatedAlerts } from "./alerts/simulatedAlerts";
import { SimulatedBroker } from "./broker/simulatedBroker";
import { systemClock, type SimulationClock } from "./clock";
import { SimulatedMarket } from "./market/simulatedMarket";
import type { PriceSource } from "./broker/priceSource";

/** The simulated server: a market and a paper broker trading on its prices (or on `prices`). */
export interface SimulatedServer {
  readonly clock: SimulationClock;
  readonly market: SimulatedMarket;
  readonly broker: SimulatedBroker;
  /** Price alerts of the simulated account, on the broker's prices. */
  readonly alerts: SimulatedAlerts;
}

export interface SimulatedServerOptions {
  readonly clock?: SimulationClock;
  readonly tickMs?: number;
  /** Prices the broker fills at; the simulated market's by default. */
  readonly prices?: PriceSource;
  readonly accountId?: string;
}

/** The simulated server; `prices` makes its broker fill at live quotes instead of its market. */
export function createSimulatedServer(
  options: SimulatedServerOptions = {},
): SimulatedServer {
  const clock = options.clock ?? systemClock;
  const market = new SimulatedMarket({
    clock,
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
  });
  const prices: PriceSource = options.prices ?? {
    price: (symbol) => market.price(symbol),
    tickSize: (symbol) => {
      const found = findInstrument(market.catalog, symbol);
      return found ? found.info.minmov / found.info.pricescale : undefined;
    },
    lotSize: (symbol) => findInstrument(market.catalog, symbol)?.info.lot_size,
    onTick: (listener) => market.onTick(listener),
    watch: () => undefined,
  };
  const broker = new SimulatedBroker({
    clock,
    prices,
    ...(options.accountId === undefined
      ? {}
      : { accountId: options.accountId }),
  });
  return { clock, market, broker, alerts: new SimulatedAlerts(prices, clock) };
}
