import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import { memoryDatabase } from "../support/databases";
import { emptyModel, type Model } from "./property/outcomes";
import { STEP } from "./property/steps";
import { checkWorld } from "./property/invariants";
import { World } from "./property/world";

/**
 * Model-based test of the paper broker: random sequences of placements (every type, with and
 * without brackets, hostile numbers among them), modifications, cancellations, closes, price moves,
 * client-id retries and restarts over three accounts, against the real engine and store on a real
 * PGlite database, with prices the test sets. After every step the invariants in
 * ./property/invariants.ts must hold; each fill is checked the moment it is applied.
 *
 * A short run is part of the suite. The long run: `make soak-broker`, or
 * `PROPERTY_RUNS=2000 npx vitest run backend/test/broker/property.test.ts`
 * (PROPERTY_STEPS sets the most steps per run; PROPERTY_SEED and PROPERTY_PATH, as a failure
 * prints them, replay its counterexample).
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const STEPS = Number(process.env.PROPERTY_STEPS ?? 40);
const SEED =
  process.env.PROPERTY_SEED !== undefined
    ? Number(process.env.PROPERTY_SEED)
    : undefined;

describe("the paper broker under random trading", () => {
  let database: Database;
  let run = 0;
  const totals = new Map<string, number>();
  let steps = 0;
  let fills = 0;
  let openingFills = 0;
  let refusedFills = 0;

  beforeAll(async () => {
    database = await memoryDatabase();
  });
  afterAll(() => database.close());

  it(
    "keeps money adding up, nothing NaN, and buying power respected, after every step",
    async () => {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(
          fc.commands([STEP], { maxCommands: STEPS, size: "max" }),
          async (commands) => {
            run += 1;
            const world = await World.create(database, run);
            const model: Model = emptyModel();
            try {
              await checkWorld(world);
              await fc.asyncModelRun(
                () => Promise.resolve({ model, real: world }),
                commands,
              );
            } finally {
              await world.stop();
              for (const [what, n] of model.counts) {
                totals.set(what, (totals.get(what) ?? 0) + n);
                steps += n;
              }
              fills += world.fills;
              openingFills += world.openingFills;
              refusedFills += world.refusedFills;
            }
          },
        ),
        {
          numRuns: RUNS,
          ...(SEED !== undefined ? { seed: SEED } : {}),
          ...(process.env.PROPERTY_PATH
            ? { path: process.env.PROPERTY_PATH, endOnFailure: true }
            : {}),
        },
      );
      const seconds = (Date.now() - started) / 1000;
      // The figures of a run, for the long form's report.
      process.stdout.write(
        `broker property: ${run} runs (${RUNS} asked, the rest shrinking), ${steps} steps, ${fills} fills (${openingFills} opening), ${refusedFills} working orders rejected when reached, ${seconds.toFixed(1)} s\n${[
          ...totals,
        ]
          .sort()
          .map(([what, n]) => `  ${what}: ${n}`)
          .join("\n")}\n`,
      );
      expect(steps).toBeGreaterThan(0);
    },
    Math.max(60_000, RUNS * 5_000),
  );
});
