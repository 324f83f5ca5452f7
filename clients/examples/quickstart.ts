/**
 * @tradewire/client from Node, end to end: log in, stream a symbol's quotes and the account's
 * orders and fills, place a small market order over REST and wait for its fill on the socket.
 *
 *   make dev                                  # a server on http://127.0.0.1:8000
 *   npx tsx clients/examples/quickstart.ts    # or compile it with tsc and run it with node
 *
 * TRADEWIRE_URL points it at another server. Exits 0 once the fill has arrived; 1 with the
 * reason when something fails or nothing arrives within TIMEOUT_MS.
 */
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import {
  createRestClient,
  OrderStatus,
  OrderType,
  Side,
  TradewireClient,
  type Execution,
  type Order,
} from "@tradewire/client";

const BASE_URL = process.env.TRADEWIRE_URL ?? "http://127.0.0.1:8000";
// Crypto trades around the clock, so the order fills at any hour of the week.
const SYMBOL = "BTCUSD";
const QTY = 0.01;
const TIMEOUT_MS = 20_000;

async function main(): Promise<void> {
  // Log in as a demo user. The token names the account it trades on; REST calls and the socket
  // both carry it.
  const rest = createRestClient({ baseUrl: BASE_URL });
  const login = await rest.POST("/api/v1/auth/login", {
    body: { username: "alice", password: "demo1234" },
  });
  if (!login.data)
    throw new Error(`login refused (HTTP ${login.response.status})`);
  const { token, accountId, user } = login.data;
  console.log(`logged in as ${user.username}, account ${accountId}`);
  const broker = createRestClient({ baseUrl: BASE_URL, token });

  // One socket carries every subscription. Node 20 has no global WebSocket: pass the ws package's.
  const client = new TradewireClient({
    url: `${BASE_URL.replace(/^http/, "ws")}/api/v1/ws`,
    WebSocket,
    token,
  });
  client.connect();

  // Updates can arrive before the REST answer that places the order: keep them and match later.
  const quotes = new Inbox<number>();
  const orders = new Inbox<Order>();
  const executions = new Inbox<Execution>();
  const subscriptions = [
    client.subscribe("quotes", { symbols: [SYMBOL] }, (quote) =>
      quotes.push(quote.v.lp),
    ),
    client.subscribe("orders", {}, (order) => orders.push(order)),
    client.subscribe("executions", {}, (fill) => executions.push(fill)),
  ];
  // ready rejects with a SubscribeError (its code says why) when refused or unanswered.
  await Promise.all(subscriptions.map((s) => s.ready));
  console.log(`subscribed to quotes for ${SYMBOL}, orders and executions`);
  console.log(`quote ${SYMBOL} last ${await quotes.next(() => true)}`);

  // clientOrderId makes the placement idempotent: sending it again cannot buy twice.
  const clientOrderId = `quickstart-${randomUUID()}`;
  const placed = await broker.POST("/api/v1/broker/orders", {
    body: {
      symbol: SYMBOL,
      side: Side.Buy,
      type: OrderType.Market,
      qty: QTY,
      clientOrderId,
    },
  });
  if (!placed.data)
    throw new Error(
      `order refused (HTTP ${placed.response.status}): ${JSON.stringify(placed.error)}`,
    );
  const { orderId } = placed.data;
  console.log(`placed order ${orderId}: buy ${QTY} ${SYMBOL} at market`);

  const filled = await orders.next(
    (o) => o.id === orderId && o.status === OrderStatus.Filled,
  );
  console.log(
    `order ${filled.id} filled: ${filled.filledQty} ${filled.symbol} at ${filled.avgPrice}`,
  );
  const fill = await executions.next((e) => e.orderId === orderId);
  console.log(
    `execution ${fill.id} (sequence ${fill.sequence}) for order ${fill.orderId}: ${fill.qty} at ${fill.price}, commission ${fill.commission}`,
  );

  for (const subscription of subscriptions) subscription.unsubscribe();
  await client.close();
  await broker.POST("/api/v1/auth/logout");
  console.log("closed");
}

/** Items as they arrive, and a promise for the first one (past or future) that matches. */
class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiting: {
    match: (item: T) => boolean;
    resolve: (item: T) => void;
  }[] = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiting.filter((w) => w.match(item))) {
      this.waiting.splice(this.waiting.indexOf(waiter), 1);
      waiter.resolve(item);
    }
  }

  next(match: (item: T) => boolean): Promise<T> {
    const found = this.items.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => this.waiting.push({ match, resolve }));
  }
}

function fail(message: string): never {
  console.error(`quickstart failed against ${BASE_URL}: ${message}`);
  process.exit(1);
}

// The socket reconnects on its own; a server that never answers must still end the program.
setTimeout(
  () => fail(`no fill within ${TIMEOUT_MS / 1000} s`),
  TIMEOUT_MS,
).unref();

main().catch((err: unknown) =>
  fail(err instanceof Error ? err.message : String(err)),
);
