import { OrderStatus } from "@tradewire/client";
import type { Order_Ws_Backend } from "../../clients/ws-types-generated";
import { Fanout } from "../fanout";
import { SimulatedError } from "../simulatedError";

/** What placing an order decides; the ledger adds the id, fill and times. */
export type NewOrder = Omit<
  Order_Ws_Backend,
  "id" | "filledQty" | "createTime" | "updateTime"
>;

const LIVE: readonly OrderStatus[] = [
  OrderStatus.Working,
  OrderStatus.Inactive,
  OrderStatus.Placing,
];

/** Every order of the simulated account; each change goes out on `stream`, as on the orders channel. */
export class OrderLedger {
  readonly stream = new Fanout<Order_Ws_Backend>();
  private readonly all = new Map<string, Order_Ws_Backend>();
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  list(): Order_Ws_Backend[] {
    return [...this.all.values()];
  }

  working(): Order_Ws_Backend[] {
    return this.list().filter((o) => o.status === OrderStatus.Working);
  }

  record(fields: NewOrder): Order_Ws_Backend {
    const time = this.now();
    const order = {
      ...fields,
      id: `O${this.nextId++}`,
      filledQty: 0,
      createTime: time,
      updateTime: time,
    };
    this.all.set(order.id, order);
    this.stream.emit(order);
    return order;
  }

  update(id: string, changes: Partial<Order_Ws_Backend>): Order_Ws_Backend {
    const order = { ...this.require(id), ...changes, updateTime: this.now() };
    this.all.set(id, order);
    this.stream.emit(order);
    return order;
  }

  require(id: string): Order_Ws_Backend {
    const order = this.all.get(id);
    if (!order) throw new SimulatedError("NOT_FOUND", `no order ${id}`, 404);
    return order;
  }

  /** The order, if it can still be modified or cancelled; a 409 otherwise. */
  live(id: string): Order_Ws_Backend {
    const order = this.require(id);
    if (!LIVE.includes(order.status))
      throw new SimulatedError(
        "ORDER_NOT_MODIFIABLE",
        `order ${id} is no longer working`,
        409,
      );
    return order;
  }

  /** The live bracket orders hanging off an order or a position. */
  children(parentId: string): Order_Ws_Backend[] {
    return this.list().filter(
      (o) => o.parentId === parentId && LIVE.includes(o.status),
    );
  }
}
