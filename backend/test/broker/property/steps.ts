import { OrderType, Side } from "@tradewire/client";
import fc from "fast-check";
import {
  CancelCommand,
  CloseCommand,
  MoveCommand,
  RestartCommand,
} from "./market-commands";
import { ModifyCommand, PlaceCommand, RetryCommand } from "./order-commands";
import type { Model } from "./outcomes";
import { FIELDS, HOSTILE_VALUES, SYMBOLS, type Hostile } from "./requests";
import type { World } from "./world";

/** The random steps of the property test, weighted toward placing orders and moving prices. */

/** One time in five, a hostile value in one of the order's fields. */
const hostileArb: fc.Arbitrary<Hostile | null> = sometimes(
  fc.record({
    field: fc.constantFrom(...FIELDS),
    value: fc.constantFrom(...HOSTILE_VALUES),
  }),
  0.2,
);

/** `arb` with probability `p`, else null. */
function sometimes<T>(arb: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  const weight = Math.round(p * 100);
  return fc.oneof(
    { weight: 100 - weight, arbitrary: fc.constant(null) },
    { weight, arbitrary: arb },
  );
}

const accountArb = fc.nat({ max: 2 });
const share = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const moveArb = fc
  .tuple(
    fc.constantFrom(...SYMBOLS),
    fc.oneof(
      { weight: 4, arbitrary: share(-0.05, 0.05) },
      { weight: 1, arbitrary: fc.constantFrom(-0.35, -0.2, 0.25, 0.6) },
    ),
  )
  .map(([symbol, change]) => new MoveCommand(symbol, change));

/** Every kind of step, weighted toward placing orders and moving prices. */
const STEP_ARBS: {
  weight: number;
  arbitrary: fc.Arbitrary<fc.AsyncCommand<Model, World>>;
}[] = [
  {
    weight: 8,
    arbitrary: fc
      .record({
        account: accountArb,
        symbol: fc.constantFrom(...SYMBOLS),
        type: fc.constantFrom(
          OrderType.Limit,
          OrderType.Market,
          OrderType.Stop,
          OrderType.StopLimit,
        ),
        side: fc.constantFrom(Side.Buy, Side.Sell),
        size: share(0.01, 1.3),
        offset: share(-0.03, 0.03),
        stopOffset: share(0.002, 0.03),
        takeProfit: sometimes(share(0.003, 0.05), 0.35),
        stopLoss: sometimes(share(0.003, 0.05), 0.35),
        gtc: fc.boolean(),
        clientOrderId: sometimes(fc.constantFrom("a", "b", "c", "d"), 0.3),
        hostile: hostileArb,
      })
      .map((spec) => new PlaceCommand(spec)),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        account: accountArb,
        pick: fc.nat(),
        qtyFactor: sometimes(share(0.2, 3), 0.5),
        priceOffset: sometimes(share(-0.03, 0.03), 0.5),
        hostile: hostileArb,
      })
      .map((spec) => new ModifyCommand(spec)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(accountArb, fc.nat())
      .map(([account, pick]) => new CancelCommand(account, pick)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        accountArb,
        fc.nat(),
        sometimes(share(0.05, 1), 0.5),
        sometimes(fc.constantFrom(...HOSTILE_VALUES), 0.2),
      )
      .map(
        ([a, pick, fraction, hostile]) =>
          new CloseCommand(a, pick, fraction, hostile),
      ),
  },
  { weight: 7, arbitrary: moveArb },
  {
    weight: 1,
    arbitrary: accountArb.map((account) => new RetryCommand(account)),
  },
  { weight: 1, arbitrary: fc.constant(new RestartCommand()) },
];

export const STEP = fc.oneof(...STEP_ARBS);
