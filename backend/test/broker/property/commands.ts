import {
  OrderStatus,
  OrderType,
  Side,
  type components,
  type Order,
} from "@tradewire/client";
import fc from "fast-check";
import { expect } from "vitest";
import { DEFAULT_BROKER_LIMITS } from "../../../src/config";
import { BrokerRejection } from "../../../src/modules/broker/domain/rejection";
import type { AccountRisk } from "../../../src/modules/broker/engine/margin";
import type { Placement } from "../../../src/modules/broker/engine/placement-result";
import { CONTROLLED_INSTRUMENTS } from "../../support/controlled-market";
import { checkWorld } from "./invariants";
import type { TestAccount, World } from "./world";

type PlaceOrderRequest = components["schemas"]["PlaceOrderRequest"];
type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];
type Field = "qty" | "limitPrice" | "stopPrice" | "takeProfit" | "stopLoss";

/** What the test expects of the broker beyond the invariants: the clientOrderIds it has used. */
export interface Model {
  /** account + clientOrderId -> the request first stored under it and its answer. */
  readonly clientIds: Map<
    string,
    { request: string; status: number; orderId: string }
  >;
  /** The last request placed with a clientOrderId, per account, to send again. */
  readonly lastWithId: Map<string, PlaceOrderRequest>;
  readonly counts: Map<string, number>;
}

export function emptyModel(): Model {
  return { clientIds: new Map(), lastWithId: new Map(), counts: new Map() };
}

/** Values no order may carry; `offGrid`, `far` and `tooMany` are made relative to the order. */
const HOSTILE_VALUES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  -1,
  5e-11,
  1e-300,
  Number.MIN_VALUE,
  1e300,
  Number.MAX_VALUE,
  "offGrid",
  "farAbove",
  "farBelow",
] as const;
type HostileValue = (typeof HOSTILE_VALUES)[number];
interface Hostile {
  readonly field: Field;
  readonly value: HostileValue;
}

const EPSILON = 1e-6;
/** Margin share per asset class (README), to size orders against buying power. */
const MARGIN_SHARE: Readonly<
  Record<(typeof CONTROLLED_INSTRUMENTS)[number]["type"], number>
> = {
  stock: 0.5,
  crypto: 0.5,
  futures: 0.05,
  index: 0.05,
  forex: 1 / 30,
};
const SYMBOLS = CONTROLLED_INSTRUMENTS.map((i) => i.ticker);
const MAX_QTY = DEFAULT_BROKER_LIMITS.maxOrderQty;
const BAND = DEFAULT_BROKER_LIMITS.priceBand;

/** One time in five, a hostile value in one of `fields`. */
const hostileArb = (fields: readonly Field[]): fc.Arbitrary<Hostile | null> =>
  sometimes(
    fc.record({
      field: fc.constantFrom(...fields),
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

function count(model: Model, what: string): void {
  model.counts.set(what, (model.counts.get(what) ?? 0) + 1);
}

async function attempt<T>(run: () => Promise<T>): Promise<T | BrokerRejection> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof BrokerRejection) return err;
    throw err;
  }
}

function rulesOf(symbol: string) {
  const rules = CONTROLLED_INSTRUMENTS.find((i) => i.ticker === symbol);
  if (!rules) throw new Error(`no instrument ${symbol}`);
  return { ...rules, tick: rules.minmov / rules.pricescale };
}

/** `value` rounded to the nearest whole, positive number of `step`s, without binary dust. */
function snap(value: number, step: number): number {
  const units = Math.max(1, Math.round(value / step));
  let digits = 0;
  while (Math.abs(Math.round(step * 10 ** digits) - step * 10 ** digits) > 1e-9)
    digits += 1;
  return Number((units * step).toFixed(digits));
}

function hostileNumber(
  hostile: Hostile,
  base: number,
  symbol: string,
  last: number,
): number {
  const { lotSize, tick } = rulesOf(symbol);
  const qty = hostile.field === "qty";
  switch (hostile.value) {
    case "offGrid":
      return base + (qty ? lotSize : tick) * 0.37;
    case "farAbove":
      return qty ? MAX_QTY * 2 : last * BAND * 1.5;
    case "farBelow":
      return qty ? lotSize * 0.4 : last / BAND / 1.5;
    default:
      return hostile.value;
  }
}

/** Rows that must not change when the broker refuses something outright. */
async function footprint(world: World, accountId: string): Promise<unknown> {
  const { db } = world.database;
  return {
    orders: await db
      .selectFrom("orders")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("id")
      .execute(),
    state: await db
      .selectFrom("account_state")
      .selectAll()
      .where("account_id", "=", accountId)
      .execute(),
  };
}

/**
 * An accepted action adds exposure only while buying power stays >= 0 at this moment's prices; it
 * may leave it below zero only if it added no margin and took no buying power (the account was
 * under water already and the action reduced or left its risk).
 */
function expectAdmitted(before: AccountRisk, after: AccountRisk, what: string) {
  if (after.buyingPower >= -EPSILON) return;
  expect(
    after.requirement,
    `${what}: margin grew under water`,
  ).toBeLessThanOrEqual(before.requirement + EPSILON);
  expect(
    after.buyingPower,
    `${what}: buying power fell under water`,
  ).toBeGreaterThanOrEqual(before.buyingPower - EPSILON);
}

function riskNow(world: World, account: TestAccount, symbols: string[]) {
  const book = world.book(account.id);
  // The prices of this moment: what the engine reads before it decides.
  for (const s of symbols) book.marks.set(s, world.market.current(s));
  return book.risk((s) => world.market.instrument(s));
}

interface PlaceSpec {
  readonly account: number;
  readonly symbol: string;
  readonly type: OrderType;
  readonly side: Side;
  readonly size: number;
  readonly offset: number;
  readonly stopOffset: number;
  readonly takeProfit: number | null;
  readonly stopLoss: number | null;
  readonly gtc: boolean;
  readonly clientOrderId: string | null;
  readonly hostile: Hostile | null;
}

function placeRequest(world: World, spec: PlaceSpec): PlaceOrderRequest {
  const account = world.accounts[spec.account] as TestAccount;
  const rules = rulesOf(spec.symbol);
  const q = world.market.current(spec.symbol).v;
  const price = (x: number) => snap(x, rules.tick);
  const unit =
    rules.currency === "USD" ? q.lp * rules.pointValue : rules.pointValue;
  // Sized against what the account can still afford, so orders often use most of it.
  const free = Math.max(
    world.book(account.id).risk((s) => world.market.instrument(s)).buyingPower,
    account.start / 50,
  );
  const qty = snap(
    Math.min((spec.size * free) / MARGIN_SHARE[rules.type] / unit, MAX_QTY / 2),
    rules.lotSize,
  );
  const request: PlaceOrderRequest = {
    symbol: spec.symbol,
    type: spec.type,
    side: spec.side,
    qty,
    duration: { type: spec.gtc ? "GTC" : "DAY" },
  };
  if (spec.type === OrderType.Stop || spec.type === OrderType.StopLimit)
    request.stopPrice = price(q.lp * (1 + spec.side * spec.stopOffset));
  if (spec.type === OrderType.Limit)
    request.limitPrice = price(q.lp * (1 + spec.offset));
  if (spec.type === OrderType.StopLimit)
    request.limitPrice = price(
      (request.stopPrice as number) *
        (1 + (spec.side * Math.abs(spec.offset)) / 2),
    );
  const entry =
    request.limitPrice ??
    request.stopPrice ??
    (spec.side === Side.Buy ? q.ask : q.bid);
  if (spec.takeProfit !== null)
    request.takeProfit = price(entry * (1 + spec.side * spec.takeProfit));
  if (spec.stopLoss !== null)
    request.stopLoss = price(entry * (1 - spec.side * spec.stopLoss));
  if (spec.clientOrderId !== null) request.clientOrderId = spec.clientOrderId;
  if (spec.hostile) {
    const field = spec.hostile.field;
    request[field] = hostileNumber(
      spec.hostile,
      request[field] ?? q.lp,
      spec.symbol,
      q.lp,
    );
  }
  return request;
}

class PlaceCommand implements fc.AsyncCommand<Model, World> {
  constructor(private readonly spec: PlaceSpec) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const request = placeRequest(world, this.spec);
    await place(model, world, this.spec.account, request, this.spec.hostile);
  }

  toString(): string {
    return `place(${JSON.stringify(this.spec)})`;
  }
}

/** Place `request` and check the answer against the model, then the invariants. */
async function place(
  model: Model,
  world: World,
  accountIndex: number,
  request: PlaceOrderRequest,
  hostile: Hostile | null,
): Promise<void> {
  const account = world.accounts[accountIndex] as TestAccount;
  const key = `${account.id}\n${request.clientOrderId ?? ""}`;
  const known =
    request.clientOrderId !== undefined ? model.clientIds.get(key) : undefined;
  const before = riskNow(world, account, [request.symbol]);
  const untouched = await footprint(world, account.id);
  const fills = world.fills;
  const outcome = await attempt(() => world.engine.place(account.id, request));
  await world.settle();
  const what = `place ${JSON.stringify(request)}`;
  if (known) {
    expect(outcome, what).not.toBeInstanceOf(BrokerRejection);
    const placement = outcome as Placement;
    if (known.request === JSON.stringify(request)) {
      count(model, "clientOrderId repeated");
      expect([placement.status, placement.order.id], what).toEqual([
        known.status,
        known.orderId,
      ]);
    } else {
      count(model, "clientOrderId reused (409)");
      expect(placement.status, what).toBe(409);
      expect(placement.order.id, what).toBe(known.orderId);
      if (placement.status === 409)
        expect(placement.error.code).toBe("CLIENT_ORDER_ID_REUSED");
    }
    expect(await footprint(world, account.id), what).toEqual(untouched);
  } else if (outcome instanceof BrokerRejection) {
    count(
      model,
      hostile ? "hostile placement refused" : "placement refused (400)",
    );
    // Only a hostile value is refused outright: the generator builds every other order well.
    expect(
      hostile,
      `${what}: ${outcome.code} ${outcome.message}`,
    ).not.toBeNull();
    expect([outcome.code, outcome.field], what).toEqual([
      "INVALID_ORDER",
      hostile?.field,
    ]);
    expect(await footprint(world, account.id), what).toEqual(untouched);
  } else {
    expect(hostile, `${what} was accepted`).toBeNull();
    expect(outcome.status, what).not.toBe(409);
    if (request.clientOrderId !== undefined) {
      model.clientIds.set(key, {
        request: JSON.stringify(request),
        status: outcome.status,
        orderId: outcome.order.id,
      });
      model.lastWithId.set(account.id, request);
    }
    if (outcome.status === 422) {
      count(model, "placement rejected (422)");
      expect(outcome.error.code, what).toBe("INSUFFICIENT_BUYING_POWER");
      expect(outcome.order.status).toBe(OrderStatus.Rejected);
    } else {
      count(
        model,
        outcome.order.status === OrderStatus.Filled
          ? "placement filled"
          : "placement working",
      );
      if (world.fills === fills)
        expectAdmitted(before, riskNow(world, account, []), what);
    }
  }
  await checkWorld(world);
}

/** The account's open orders, oldest first: what modify and cancel pick from. */
function openOrders(world: World, account: TestAccount): Order[] {
  return [...world.book(account.id).orders.values()]
    .map((o) => o.order)
    .filter(
      (o) =>
        o.status === OrderStatus.Working || o.status === OrderStatus.Inactive,
    )
    .sort((a, b) => a.createTime - b.createTime || a.id.localeCompare(b.id));
}

interface ModifySpec {
  readonly account: number;
  readonly pick: number;
  readonly qtyFactor: number | null;
  readonly priceOffset: number | null;
  readonly hostile: Hostile | null;
}

class ModifyCommand implements fc.AsyncCommand<Model, World> {
  constructor(private readonly spec: ModifySpec) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const account = world.accounts[this.spec.account] as TestAccount;
    const open = openOrders(world, account);
    if (open.length === 0) return;
    const target = open[this.spec.pick % open.length] as Order;
    const rules = rulesOf(target.symbol);
    const q = world.market.current(target.symbol).v;
    const request: ModifyOrderRequest = {};
    if (this.spec.qtyFactor !== null)
      request.qty = snap(
        Math.min(target.qty * this.spec.qtyFactor, MAX_QTY / 2),
        rules.lotSize,
      );
    if (this.spec.priceOffset !== null) {
      const off = this.spec.priceOffset;
      if (target.type === OrderType.Stop)
        request.stopPrice = snap(
          q.lp * (1 + target.side * (Math.abs(off) + 0.001)),
          rules.tick,
        );
      else if (target.limitPrice !== undefined)
        request.limitPrice = snap(q.lp * (1 + off), rules.tick);
    }
    if (Object.keys(request).length === 0) request.qty = target.qty;
    const hostile = this.spec.hostile;
    if (hostile)
      request[hostile.field] = hostileNumber(
        hostile,
        request[hostile.field] ?? target[hostile.field] ?? q.lp,
        target.symbol,
        q.lp,
      );
    const before = riskNow(world, account, [target.symbol]);
    const untouched = await footprint(world, account.id);
    const fills = world.fills;
    const outcome = await attempt(() =>
      world.engine.modify(account.id, target.id, request),
    );
    await world.settle();
    const what = `modify ${target.id} ${JSON.stringify(target)} with ${JSON.stringify(request)}`;
    if (outcome instanceof BrokerRejection) {
      count(model, `modify refused ${outcome.code}`);
      if (hostile)
        expect([outcome.code, outcome.field], what).toEqual([
          "INVALID_ORDER",
          hostile.field,
        ]);
      else
        expect(["INVALID_ORDER", "INSUFFICIENT_BUYING_POWER"], what).toContain(
          outcome.code,
        );
      expect(await footprint(world, account.id), what).toEqual(untouched);
    } else {
      count(model, "modify accepted");
      expect(hostile, `${what} was accepted`).toBeNull();
      if (world.fills === fills)
        expectAdmitted(before, riskNow(world, account, []), what);
    }
    await checkWorld(world);
  }

  toString(): string {
    return `modify(${JSON.stringify(this.spec)})`;
  }
}

class CancelCommand implements fc.AsyncCommand<Model, World> {
  constructor(
    private readonly account: number,
    private readonly pick: number,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const account = world.accounts[this.account] as TestAccount;
    const open = openOrders(world, account);
    if (open.length === 0) return;
    const target = open[this.pick % open.length] as Order;
    const before = riskNow(world, account, []);
    const cancelled = await world.engine.cancel(account.id, target.id);
    await world.settle();
    count(model, "cancel");
    expect(cancelled.status).toBe(OrderStatus.Canceled);
    for (const o of world.book(account.id).orders.values())
      if (o.order.parentId === target.id)
        expect(o.order.status).not.toBe(OrderStatus.Working);
    // Cancelling only ever gives buying power back.
    expect(riskNow(world, account, []).buyingPower).toBeGreaterThanOrEqual(
      before.buyingPower - EPSILON,
    );
    await checkWorld(world);
  }

  toString(): string {
    return `cancel(${this.account}, ${this.pick})`;
  }
}

class CloseCommand implements fc.AsyncCommand<Model, World> {
  constructor(
    private readonly account: number,
    private readonly pick: number,
    private readonly fraction: number | null,
    private readonly hostile: HostileValue | null,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const account = world.accounts[this.account] as TestAccount;
    const book = world.book(account.id);
    const held = [...book.positions.values()]
      .filter((p) => p.netQty !== 0)
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
    if (held.length === 0) return;
    const position = held[this.pick % held.length] as (typeof held)[number];
    const rules = rulesOf(position.symbol);
    const open = Math.abs(position.netQty);
    let qty: number | undefined =
      this.fraction === null
        ? undefined
        : Math.min(open, snap(open * this.fraction, rules.lotSize));
    if (this.hostile !== null)
      qty = hostileNumber(
        { field: "qty", value: this.hostile },
        qty ?? open,
        position.symbol,
        world.market.last(position.symbol),
      );
    const untouched = await footprint(world, account.id);
    const outcome = await attempt(() =>
      world.engine.closePosition(account.id, position.symbol, qty),
    );
    await world.settle();
    const what = `close ${position.symbol} ${String(qty)} of ${position.netQty}`;
    if (this.hostile !== null) {
      count(model, "hostile close refused");
      expect(outcome, what).toBeInstanceOf(BrokerRejection);
      expect(
        [(outcome as BrokerRejection).code, (outcome as BrokerRejection).field],
        what,
      ).toEqual(["INVALID_ORDER", "qty"]);
      expect(await footprint(world, account.id), what).toEqual(untouched);
    } else {
      count(model, "close");
      // Closing only reduces risk: buying power never refuses it.
      expect(outcome, what).not.toBeInstanceOf(BrokerRejection);
      const placed = outcome as Placement;
      expect([placed.status, placed.order.status], what).toEqual([
        201,
        OrderStatus.Filled,
      ]);
      const after = book.position(position.symbol).netQty;
      expect(Math.abs(after), what).toBeCloseTo(open - (qty ?? open), 8);
      if (after !== 0)
        expect(Math.sign(after)).toBe(Math.sign(position.netQty));
    }
    await checkWorld(world);
  }

  toString(): string {
    return `close(${this.account}, ${this.pick}, ${String(this.fraction)}, ${String(this.hostile)})`;
  }
}

class MoveCommand implements fc.AsyncCommand<Model, World> {
  constructor(
    private readonly symbol: string,
    private readonly change: number,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    const rules = rulesOf(this.symbol);
    // Prices stay within a factor of four of where they started, inside every price band.
    const last = Math.min(
      rules.initialPrice * 4,
      Math.max(
        rules.initialPrice / 4,
        world.market.last(this.symbol) * (1 + this.change),
      ),
    );
    world.market.set(this.symbol, last);
    await world.settle();
    count(model, "price move");
    await checkWorld(world);
  }

  toString(): string {
    return `move(${this.symbol}, ${this.change})`;
  }
}

class RetryCommand implements fc.AsyncCommand<Model, World> {
  constructor(private readonly account: number) {}

  check(m: Readonly<Model>): boolean {
    return m.lastWithId.size > 0;
  }

  async run(model: Model, world: World): Promise<void> {
    const account = world.accounts[this.account] as TestAccount;
    const request = model.lastWithId.get(account.id);
    if (!request) return;
    await place(model, world, this.account, request, null);
  }

  toString(): string {
    return `retry(${this.account})`;
  }
}

class RestartCommand implements fc.AsyncCommand<Model, World> {
  check(): boolean {
    return true;
  }

  async run(model: Model, world: World): Promise<void> {
    await world.restart();
    await world.settle();
    count(model, "restart");
    await checkWorld(world);
  }

  toString(): string {
    return "restart()";
  }
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
        hostile: hostileArb([
          "qty",
          "limitPrice",
          "stopPrice",
          "takeProfit",
          "stopLoss",
        ]),
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
        hostile: hostileArb([
          "qty",
          "limitPrice",
          "stopPrice",
          "takeProfit",
          "stopLoss",
        ]),
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
