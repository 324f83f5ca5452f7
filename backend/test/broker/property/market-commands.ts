import { OrderStatus, type Order } from "@tradewire/client";
import type fc from "fast-check";
import { expect } from "vitest";
import { BrokerRejection } from "../../../src/modules/broker/domain/rejection";
import type { Placement } from "../../../src/modules/broker/engine/placement-result";
import { checkWorld } from "./invariants";
import {
  attempt,
  count,
  EPSILON,
  footprint,
  openOrders,
  riskNow,
  type Model,
} from "./outcomes";
import { hostileNumber, rulesOf, snap, type HostileValue } from "./requests";
import type { TestAccount, World } from "./world";

export class CancelCommand implements fc.AsyncCommand<Model, World> {
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

export class CloseCommand implements fc.AsyncCommand<Model, World> {
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

export class MoveCommand implements fc.AsyncCommand<Model, World> {
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

export class RestartCommand implements fc.AsyncCommand<Model, World> {
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
