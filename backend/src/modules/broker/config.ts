import type { EnvReader } from "../../env";

/** What one broker order may carry; every one is an environment variable. */
export interface BrokerLimits {
  /** BROKER_MAX_ORDER_QTY: the largest quantity one order may carry, in units of the instrument. */
  readonly maxOrderQty: number;
  /** BROKER_PRICE_BAND: order prices must lie between last / band and last x band. */
  readonly priceBand: number;
}

export const DEFAULT_BROKER_LIMITS: BrokerLimits = {
  maxOrderQty: 1_000_000,
  priceBand: 1000,
};

/** BROKER_MAX_ORDER_QTY and BROKER_PRICE_BAND. */
export function readBrokerLimits(env: EnvReader): BrokerLimits {
  return {
    maxOrderQty: env.int(
      "BROKER_MAX_ORDER_QTY",
      DEFAULT_BROKER_LIMITS.maxOrderQty,
      1,
      1_000_000_000,
    ),
    priceBand: env.int(
      "BROKER_PRICE_BAND",
      DEFAULT_BROKER_LIMITS.priceBand,
      2,
      1_000_000,
    ),
  };
}
