import type { BrokerService } from "../services/broker/BrokerService";
import { useAccountStore } from "./account";
import { useExecutionsStore } from "./executions";
import { useOrdersStore } from "./orders";
import { usePositionsStore } from "./positions";

/** Streams the account into the Pinia stores; returns the function that stops it. */
export async function bindAccountStores(
  broker: BrokerService,
): Promise<() => void> {
  const orders = useOrdersStore();
  const positions = usePositionsStore();
  const executions = useExecutionsStore();
  const account = useAccountStore();
  for (const store of [orders, positions, executions, account]) store.reset();
  return broker.connect({
    order: (o) => orders.apply(o),
    position: (p) => positions.apply(p),
    executionHistory: (list) => executions.merge(list),
    execution: (x) => executions.add(x),
    equity: (e) => account.setEquity(e),
    brokerConnection: (c) => account.setBrokerConnection(c),
    streamError: (channel, error) =>
      account.streamFailed(channel, `${error.code}: ${error.message}`),
  });
}
