import { SimulatedError } from "../simulatedError";

/**
 * The simulation computes no indicators: that channel refuses every subscribe with this, so the
 * terminal says so instead of waiting for values that never come.
 */
export function notSimulated(what: string): never {
  throw new SimulatedError(
    "TOPIC_UNAVAILABLE",
    `${what} need the server: the simulation has none`,
    503,
  );
}
