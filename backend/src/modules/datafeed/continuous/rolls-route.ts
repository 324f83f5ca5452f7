import type { FastifyInstance } from "fastify";
import { HttpError } from "../../../http/error-handlers";
import { restRoute } from "../../../http/rest-route";
import type { SymbolCatalog } from "../symbol-catalog";
import {
  DEFAULT_ROLL_DAYS,
  DEFAULT_ROLL_POLICY,
  type ContinuousSeries,
} from "./continuous-series";

/** `GET /api/v1/datafeed/rolls`: a continuous series' rolls inside the stored history. */
export function registerRollsRoute(
  app: FastifyInstance,
  deps: { catalog: SymbolCatalog; series: ContinuousSeries },
): void {
  restRoute(app, "getRolls", async ({ query: q }) => {
    const entry = deps.catalog.find(q.symbol);
    if (!entry)
      throw new HttpError(
        404,
        "UNKNOWN_SYMBOL",
        `unknown symbol ${JSON.stringify(q.symbol)}`,
        "symbol",
      );
    if (!entry.continuous)
      throw new HttpError(
        400,
        "INVALID_PARAMS",
        `${entry.ticker} is not a continuous futures series (such as ES1!): it has no rolls`,
        "symbol",
      );
    const roll = q.roll ?? DEFAULT_ROLL_POLICY;
    const rollDays = q.rollDays ?? DEFAULT_ROLL_DAYS;
    const schedule = await deps.series.schedule(entry, roll, rollDays);
    return {
      status: 200,
      body: {
        symbol: entry.ticker,
        roll,
        rollDays,
        contract: schedule.current,
        rolls: [...schedule.rolls],
      },
    };
  });
}
