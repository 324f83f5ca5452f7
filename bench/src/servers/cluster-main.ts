import { BusQuotesService, quoteChannel } from "./bus-quotes-service";
import { openRedisBus } from "./open-redis-bus";
import { serveBench } from "./serve-bench";
import { TradewireServer } from "./tradewire";

/**
 * Entry of one Tradewire instance of a cluster: `cluster-main.ts <index> <namespace>`, with
 * REDIS_URL set; the instances of one cluster share the namespace of their bus channels.
 * Every instance serves its own sockets from the bus; instance 0 also runs the schedule, which
 * publishes each update once on the bus (a channel per topic), as a leader publishes the market.
 */
const index = Number(process.argv[2]);
const namespace = process.argv[3] ?? "bench";
const url = process.env.REDIS_URL;
if (!url) throw new Error("cluster-main needs REDIS_URL");
const bus = await openRedisBus(url);
const server = new TradewireServer(new BusQuotesService(bus, namespace), bus);
await serveBench(server, (topic, data) => {
  if (index !== 0) throw new Error("only instance 0 publishes");
  bus.publish(quoteChannel(namespace, topic), data).catch((err: unknown) => {
    process.stderr.write(`cluster-main: publish failed: ${String(err)}\n`);
  });
});
