// @vitest-environment node
import {
  createRestClient,
  OrderStatus,
  OrderType,
  Side,
} from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { toLoginResult, toSession } from "../src/model/session";
import { createWsAdapter, type WsAdapter } from "../src/transport/ws/wsAdapter";
import { WsClientBase } from "../src/transport/ws/wsClientBase";
import { restAuthApi } from "../src/transport/rest/restAuthApi";
import { BrokerService } from "../src/services/broker/BrokerService";
import { restBrokerApi } from "../src/transport/rest/restBrokerApi";
import { useAccountStore } from "../src/stores/account";
import { feedAccount } from "../src/stores/feeds";
import { useExecutionsStore } from "../src/stores/executions";
import { useOrdersStore } from "../src/stores/orders";
import { usePositionsStore } from "../src/stores/positions";
import {
  MarketClock,
  startBackend,
  WEDNESDAY_10AM_NY,
  type RealBackend,
} from "./support/backend";
import { until } from "./support/until";

describe("broker services against the real backend (datafeed, auth, broker; PGlite)", () => {
  const clock = new MarketClock(WEDNESDAY_10AM_NY + 7_000);
  let backend: RealBackend;
  let adapter: WsAdapter;
  let broker: BrokerService;
  let stop: () => void;

  beforeAll(async () => {
    backend = await startBackend(clock, "trading");
    // Node has no cookie jar: the token goes as a bearer header and as the socket's query parameter.
    const token = await backend.login("alice");
    setActivePinia(createPinia());
    adapter = createWsAdapter(
      WsClientBase.acquire({ url: backend.wsUrl, WebSocket, token }),
    );
    broker = new BrokerService(
      restBrokerApi(createRestClient({ baseUrl: backend.httpUrl, token })),
      adapter,
    );
    stop = feedAccount(broker);
  });
  afterAll(async () => {
    stop();
    await adapter.dispose();
    await backend.close();
  });

  it("signs in through the AuthApi and reads the session with its accounts", async () => {
    const anonymous = restAuthApi(
      createRestClient({ baseUrl: backend.httpUrl }),
    );
    const login = toLoginResult(await anonymous.login("bob", "demo1234"));
    expect(login).toMatchObject({
      user: { username: "bob" },
      accountId: expect.any(String) as string,
    });
    expect(await anonymous.me()).toBeNull();
    await expect(anonymous.login("bob", "wrong")).rejects.toMatchObject({
      status: 401,
      code: "UNAUTHORIZED",
    });

    const token = await backend.login("alice");
    const me = await restAuthApi(
      createRestClient({ baseUrl: backend.httpUrl, token }),
    ).me();
    const session = me && toSession(me);
    expect(session?.user.username).toBe("alice");
    expect(session?.accounts.map((a) => a.id)).toContain(session?.accountId);
  });

  it("fills the stores with the account's state on connect", async () => {
    const account = useAccountStore();
    await until(
      () => account.equity !== null && account.brokerConnection !== null,
      5000,
      "equity and connection",
    );
    expect(account.equity?.equity).toBeGreaterThan(0);
    expect(account.streamErrors).toEqual({});
  });

  it("a placed market order appears in the orders store, fills, and updates positions, executions and equity", async () => {
    const account = useAccountStore();
    const before = account.equity?.balance ?? 0;
    const outcome = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 10,
    });
    expect(outcome).toMatchObject({
      ok: true,
      order: { symbol: "AAPL", qty: 10 },
    });
    const id = outcome.order?.id ?? "";

    const orders = useOrdersStore();
    await until(
      () => orders.byId[id]?.status === OrderStatus.Filled,
      5000,
      "the fill in the orders store",
    );
    const positions = usePositionsStore();
    await until(
      () => positions.bySymbol.AAPL?.qty === 10,
      5000,
      "the AAPL position",
    );
    expect(positions.bySymbol.AAPL).toMatchObject({
      side: Side.Buy,
      avgPrice: orders.byId[id]?.avgPrice,
    });
    await until(
      () => useExecutionsStore().list.some((x) => x.orderId === id),
      5000,
      "the execution",
    );
    await until(
      () => (account.equity?.balance ?? before) < before,
      5000,
      "the commission in the balance",
    );

    // The position is marked to market as the price moves (its updateTime stays the fill's); the
    // server sends at most one mark a second of real time, so the market runs in real-time steps.
    const marks = new Set<number>();
    for (let step = 0; step < 4 && marks.size < 2; step += 1) {
      await backend.run(10_000);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      marks.add(positions.bySymbol.AAPL?.lastPrice ?? 0);
    }
    expect(marks.size).toBeGreaterThan(1);
    const aapl = positions.bySymbol.AAPL;
    expect(aapl?.unrealizedPl).toBeCloseTo(
      ((aapl?.lastPrice ?? 0) - (aapl?.avgPrice ?? 0)) * 10,
      1,
    );
  });

  it("works, modifies and cancels a limit order through the stores", async () => {
    const orders = useOrdersStore();
    const placed = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 100,
    });
    expect(placed).toMatchObject({
      ok: true,
      order: { status: OrderStatus.Working },
    });
    const id = placed.order?.id ?? "";
    await until(
      () => orders.working.some((o) => o.id === id),
      5000,
      "the working order",
    );
    expect(await broker.modifyOrder(id, { limitPrice: 101.5 })).toMatchObject({
      ok: true,
    });
    await until(
      () => orders.byId[id]?.limitPrice === 101.5,
      5000,
      "the modified price",
    );
    expect(await broker.cancelOrder(id)).toMatchObject({
      ok: true,
      order: { status: OrderStatus.Canceled },
    });
    await until(
      () => orders.history.some((o) => o.id === id),
      5000,
      "the cancelled order in history",
    );
    expect(await broker.cancelOrder(id)).toMatchObject({
      ok: false,
      error: { status: 409 },
    });
  });

  it("returns the server's validation error with the field it names", async () => {
    const outcome = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 1,
      limitPrice: 100.005,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { status: 400, code: "INVALID_ORDER", field: "limitPrice" },
    });
  });

  it("returns a 422 rejection with the recorded order", async () => {
    const outcome = await broker.placeOrder({
      symbol: "AAPL",
      side: Side.Buy,
      type: OrderType.Market,
      qty: 1_000_000,
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { status: 422, code: "INSUFFICIENT_BUYING_POWER" },
      order: { status: OrderStatus.Rejected },
    });
  });

  it("closes the position, which leaves the positions store", async () => {
    const positions = usePositionsStore();
    const id = positions.bySymbol.AAPL?.id ?? "";
    const outcome = await broker.closePosition(id);
    expect(outcome).toMatchObject({
      ok: true,
      order: { side: Side.Sell, qty: 10 },
    });
    await until(
      () => positions.bySymbol.AAPL === undefined,
      5000,
      "the closed position to leave",
    );
  });
});
