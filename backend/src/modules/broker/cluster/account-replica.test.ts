import { describe, expect, it } from "vitest";
import pino from "pino";
import { InProcessBus } from "../../../bus/in-process-bus";
import {
  BROKER_ORDERS_CHANNEL,
  brokerAccountChannel,
} from "../../../cluster/channels";
import { ManualRole } from "../../../testing/manual-role";
import { OrderStatus, Side } from "@tradewire/client";
import { bookOrder } from "../fixtures";
import type { BookChange } from "../store/broker-store";
import {
  AccountReplica,
  type BrokerChangeMessage,
  type ReplicaTarget,
} from "./account-replica";

/** A target that records what the replica asks of it. */
function recorder() {
  const applied: BrokerChangeMessage[] = [];
  const adopted: string[] = [];
  const target: ReplicaTarget = {
    applyRemote: (m) => Promise.resolve(void applied.push(m)),
    adopt: (id) => Promise.resolve(void adopted.push(id)),
    resyncAll: () => Promise.resolve(),
  };
  return { applied, adopted, target };
}

const working = bookOrder({ symbol: "AAPL", side: Side.Buy, qty: 1 });
const filled = bookOrder({
  symbol: "AAPL",
  side: Side.Buy,
  qty: 1,
  status: OrderStatus.Filled,
});
const change = (order: typeof working): BookChange => ({
  accountId: "acc-1",
  orders: [order],
  executions: [],
  positions: [],
  account: null,
});

describe("AccountReplica", () => {
  const log = pino({ level: "silent" });

  it("publishes the change on the account's channel, and a working order's account on the orders channel", async () => {
    const bus = new InProcessBus(() => undefined);
    const heard: [string, unknown][] = [];
    for (const channel of [
      brokerAccountChannel("acc-1"),
      BROKER_ORDERS_CHANNEL,
    ])
      await bus.subscribe(channel, (m) => heard.push([channel, m]));
    const replica = new AccountReplica(bus, new ManualRole("i-1"), log);
    replica.publish("acc-1", 7, change(working), "req-1");
    replica.publish("acc-1", 8, change(filled));
    expect(heard).toEqual([
      [
        brokerAccountChannel("acc-1"),
        {
          accountId: "acc-1",
          version: 7,
          origin: "i-1",
          change: change(working),
          requestId: "req-1",
        },
      ],
      [
        BROKER_ORDERS_CHANNEL,
        { accountId: "acc-1", version: 7, origin: "i-1" },
      ],
      [
        brokerAccountChannel("acc-1"),
        {
          accountId: "acc-1",
          version: 8,
          origin: "i-1",
          change: change(filled),
        },
      ],
    ]);
  });

  it("hands held accounts' changes from other instances to the engine, and ignores its own and malformed ones", async () => {
    const bus = new InProcessBus(() => undefined);
    const { applied, adopted, target } = recorder();
    const replica = new AccountReplica(bus, new ManualRole("i-2"), log);
    replica.connect(target);
    await replica.hold("acc-1");
    await replica.watchOrders();
    const theirs = { accountId: "acc-1", version: 3, origin: "i-1" };
    await bus.publish(brokerAccountChannel("acc-1"), theirs);
    await bus.publish(brokerAccountChannel("acc-1"), {
      ...theirs,
      origin: "i-2",
    });
    await bus.publish(brokerAccountChannel("acc-1"), { accountId: "acc-1" });
    await bus.publish(BROKER_ORDERS_CHANNEL, theirs);
    await new Promise((resolve) => setImmediate(resolve));
    expect(applied).toEqual([theirs]);
    expect(adopted).toEqual(["acc-1"]);
    await replica.release("acc-1");
    await replica.unwatchOrders();
    await bus.publish(brokerAccountChannel("acc-1"), theirs);
    await bus.publish(BROKER_ORDERS_CHANNEL, theirs);
    expect(applied).toHaveLength(1);
    expect(adopted).toHaveLength(1);
  });
});
