import {
  OrderStatus,
  OrderType,
  type components,
  type Order,
} from "@tradewire/client";
import type fc from "fast-check";
import { expect } from "vitest";
import { BrokerRejection } from "../../../src/modules/broker/domain/rejection";
import type { Placement } from "../../../src/modules/broker/engine/placement-result";
import { checkWorld } from "./invariants";
import {
  attempt,
  count,
  expectAdmitted,
  footprint,
  openOrders,
  riskNow,
  type Model,
} from "./outcomes";
import {
  hostileNumber,
  MAX_QTY,
  placeRequest,
  rulesOf,
  snap,
  type Hostile,
  type PlaceOrderRequest,
  type PlaceSpec,
} from "./requests";
import type { TestAccount, World } from "./world";

type ModifyOrderRequest = components["schemas"]["ModifyOrderRequest"];

export class PlaceCommand implements fc.AsyncCommand<Model, World> {
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

interface ModifySpec {
  readonly account: number;
  readonly pick: number;
  readonly qtyFactor: number | null;
  readonly priceOffset: number | null;
  readonly hostile: Hostile | null;
}

export class ModifyCommand implements fc.AsyncCommand<Model, World> {
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

export class RetryCommand implements fc.AsyncCommand<Model, World> {
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
