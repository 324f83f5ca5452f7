import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;

describe("strict contracts at the REST edge", () => {
  let t: TradingApp;
  let token: string;
  const storedOrders = async () =>
    (
      await t.database.db
        .selectFrom("orders")
        .select("id")
        .where("account_id", "=", "acc-alice-main")
        .execute()
    ).length;
  const place = (body: Record<string, unknown>) =>
    t.request("POST", "/api/v1/broker/orders", { token, body });
  const market = { symbol: "BTCUSD", type: 2, side: 1, qty: 0.01 };

  beforeAll(async () => {
    t = await startTradingApp({ clock: new ManualClock(WEDNESDAY_10AM_NY) });
    token = await t.login("alice");
  });
  afterAll(() => t.close());

  it("refuses a misspelt field (stoploss) naming it, and places nothing", async () => {
    const before = await storedOrders();
    const res = await place({ ...market, stoploss: 1000 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      requestId: expect.any(String) as string,
      code: "INVALID_PARAMS",
      message: "stoploss is not a known field",
      field: "stoploss",
    });
    const nested = await place({
      ...market,
      duration: { type: "DAY", until: 5 },
    });
    expect(nested.body).toMatchObject({ field: "duration.until" });
    expect(await storedOrders()).toBe(before);
  });

  it('never coerces a body\'s types: qty true or "1" is refused naming qty, and places nothing', async () => {
    const before = await storedOrders();
    const bool = await place({ ...market, qty: true });
    expect(bool.status).toBe(400);
    expect(bool.body).toEqual({
      requestId: expect.any(String) as string,
      code: "INVALID_PARAMS",
      message: "qty must be number",
      field: "qty",
    });
    const text = await place({ ...market, qty: "1" });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ code: "INVALID_PARAMS", field: "qty" });
    const side = await place({ ...market, side: "1" });
    expect(side.body).toMatchObject({ field: "side" });
    expect(await storedOrders()).toBe(before);
    // The same order, well formed, is placed.
    expect((await place(market)).status).toBe(201);
    expect(await storedOrders()).toBe(before + 1);
  });

  it("refuses a token in the query string on REST as an unknown parameter, even a valid one", async () => {
    for (const path of ["/api/v1/auth/me", "/api/v1/broker/account"]) {
      const res = await t.request("GET", `${path}?token=${token}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        requestId: expect.any(String) as string,
        code: "INVALID_PARAMS",
        message: "token is not a known parameter",
        field: "token",
      });
    }
  });

  it("refuses unknown query parameters and parses numbers, refusing text that is not one", async () => {
    const misspelt = await t.request(
      "GET",
      "/api/v1/broker/orders?acountId=acc-alice-swing",
      { token },
    );
    expect(misspelt.status).toBe(400);
    expect(misspelt.body).toMatchObject({ field: "acountId" });
    for (let i = 0; i < 2; i++) expect((await place(market)).status).toBe(201);
    const page = await t.request<{ items: unknown[]; nextBefore?: number }>(
      "GET",
      "/api/v1/broker/executions?limit=1",
      { token },
    );
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextBefore).toEqual(expect.any(Number));
    const limit = await t.request(
      "GET",
      "/api/v1/broker/executions?limit=abc",
      { token },
    );
    expect(limit.status).toBe(400);
    expect(limit.body).toEqual({
      requestId: expect.any(String) as string,
      code: "INVALID_PARAMS",
      message: "limit must be integer",
      field: "limit",
    });
    const qty = await t.request(
      "DELETE",
      "/api/v1/broker/positions/BTCUSD?qty=abc",
      { token },
    );
    expect(qty.status).toBe(400);
    expect(qty.body).toMatchObject({ code: "INVALID_PARAMS", field: "qty" });
  });

  it("refuses a body on an operation that declares none: closing with {qty} in the body closes nothing", async () => {
    expect((await place(market)).status).toBe(201);
    const before = await t.request<{ symbol: string; qty: number }[]>(
      "GET",
      "/api/v1/broker/positions",
      { token },
    );
    const res = await t.request("DELETE", "/api/v1/broker/positions/BTCUSD", {
      token,
      body: { qty: 0.01 },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      requestId: expect.any(String) as string,
      code: "INVALID_PARAMS",
      message: "this request takes no body",
    });
    const after = await t.request("GET", "/api/v1/broker/positions", {
      token,
    });
    expect(after.body).toEqual(before.body);
    expect(before.body.find((p) => p.symbol === "BTCUSD")?.qty).toBeGreaterThan(
      0,
    );
  });

  it("refuses a NUL character in any text with 400 naming the field, never a 500", async () => {
    const cases: [
      string,
      string,
      Record<string, unknown> | undefined,
      string,
    ][] = [
      [
        "POST",
        "/api/v1/broker/orders",
        { ...market, symbol: "BTC\u0000" },
        "symbol",
      ],
      [
        "POST",
        "/api/v1/broker/orders",
        { ...market, clientOrderId: "a\u0000b" },
        "clientOrderId",
      ],
      ["GET", "/api/v1/broker/orders/o%00", undefined, "orderId"],
      ["GET", "/api/v1/broker/executions?symbol=%00", undefined, "symbol"],
      ["GET", "/api/v1/broker/orders?accountId=%00", undefined, "accountId"],
    ];
    const before = await storedOrders();
    for (const [method, path, body, field] of cases) {
      const res = await t.request(method, path, {
        token,
        ...(body ? { body } : {}),
      });
      expect(res.status, path).toBe(400);
      expect(res.body).toEqual({
        requestId: expect.any(String) as string,
        code: "INVALID_PARAMS",
        message: `${field} must not contain a NUL character`,
        field,
      });
    }
    const login = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "alice\u0000", password: "demo1234" },
    });
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({ field: "username" });
    const history = await t.request(
      "GET",
      `/api/v1/datafeed/history?symbol=%00&resolution=1&from=${NOW_S - 3600}&to=${NOW_S}`,
    );
    expect(history.status).toBe(400);
    expect(history.body).toEqual({
      requestId: expect.any(String) as string,
      s: "error",
      errmsg: "symbol must not contain a NUL character",
      code: "INVALID_PARAMS",
      field: "symbol",
    });
    expect(await storedOrders()).toBe(before);
  });
});

describe("the body limit", () => {
  let t: TradingApp;
  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      env: { HTTP_MAX_BODY_BYTES: "2048" },
    });
  });
  afterAll(() => t.close());

  it("answers a body over HTTP_MAX_BODY_BYTES with 413, and one under it as usual", async () => {
    const over = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "alice", password: "x".repeat(3000) },
    });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: "INVALID_PARAMS" });
    const under = await t.request("POST", "/api/v1/auth/login", {
      body: { username: "alice", password: "demo1234" },
    });
    expect(under.status).toBe(200);
  });
});
