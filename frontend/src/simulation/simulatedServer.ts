import { findInstrument } from "./market/catalog";
import { MockBroker } from "./broker/simulatedBroker";
import { systemMockClock, type MockClock } from "./clock";
import { MockMarket } from "./market/simulatedMarket";
import type { PriceSource } from "./broker/priceSource";

/** The simulated server: a market and a paper broker trading on its prices (or on `prices`). */
export interface MockBackend {
  readonly clock: MockClock;
  readonly market: MockMarket;
  readonly broker: MockBroker;
}

export interface MockBackendOptions {
  readonly clock?: MockClock;
  readonly tickMs?: number;
  /** Prices the broker fills at; the simulated market's by default. */
  readonly prices?: PriceSource;
  readonly accountId?: string;
}

export function createMockBackend(
  options: MockBackendOptions = {},
): MockBackend {
  const clock = options.clock ?? systemMockClock;
  const market = new MockMarket({
    clock,
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
  });
  const prices: PriceSource = options.prices ?? {
    price: (symbol) => market.price(symbol),
    tickSize: (symbol) => {
      const found = findInstrument(market.catalog, symbol);
      return found ? found.info.minmov / found.info.pricescale : undefined;
    },
    onTick: (listener) => market.onTick(listener),
    watch: () => undefined,
  };
  const broker = new MockBroker({
    clock,
    prices,
    ...(options.accountId === undefined
      ? {}
      : { accountId: options.accountId }),
  });
  return { clock, market, broker };
}
