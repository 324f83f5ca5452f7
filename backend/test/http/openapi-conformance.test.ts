import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { OpenApiConformance } from "../support/openapi-conformance";
import { TestEventStream } from "../support/test-event-stream";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const SUNDAY_S = NOW_S - 3 * 86_400;

/**
 * Statuses an operation declares that this test does not provoke, and why. Anything declared and
 * not provoked must be listed here, so the spec cannot promise what nothing exercises.
 */
const NOT_PROVOKED: Record<string, string> = {
  "getHealth 503": "only while the app starts or stops",
  "getHealthReady 503":
    "only when a check fails: provoked in health-probes.test.ts (database gone, migrations pending, shutting down)",
  "* 503":
    "the database unreachable: provoked for placeOrder, listOrders, replaceSettings and listWatchlists in cluster/database-outage.test.ts; every route answers it through the same error handler",
  "* 500":
    "a server fault: provoked for getHistory and listOrders; every route answers it through the same error handler",
};

interface Call {
  method?: string;
  token?: string;
  body?: unknown;
  raw?: { type: string; text: string };
  headers?: Record<string, string>;
}

describe("every live REST response is in the OpenAPI spec", () => {
  const spec = new OpenApiConformance();
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let alice = "";
  let bob = "";
  /** operationId -> statuses this test provoked (as the spec's check saw them). */
  const call = async (path: string, options: Call = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw) {
      headers["content-type"] = options.raw.type;
      body = options.raw.text;
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const method = options.method ?? "GET";
    const res = await fetch(`${t.httpUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    spec.check({
      method,
      url: path,
      status: res.status,
      headers: res.headers,
      text,
    });
    return { status: res.status, json: () => JSON.parse(text) as unknown };
  };
  const xml = { type: "application/xml", text: "<order/>" };
  const huge = {
    type: "application/json",
    text: JSON.stringify({ username: "a", password: "x".repeat(1_100_000) }),
  };

  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      env: {
        HISTORY_CACHE_MINUTES: "0",
        ALERTS_MAX_PER_ACCOUNT: "2",
        HISTORY_JOBS_PER_ACCOUNT: "1",
      },
    });
  });
  afterAll(() => t.close());

  it("system and datafeed operations", async () => {
    for (const path of [
      "/health",
      "/health/live",
      "/health/ready",
      "/metrics",
      "/api/v1/asyncapi.json",
      "/api/v1/openapi.json",
      "/api/v1/datafeed/config",
      "/api/v1/datafeed/time",
    ]) {
      expect((await call(path)).status).toBe(200);
      expect((await call(`${path}?unexpected=1`)).status).toBe(400);
    }
    const range = `from=${NOW_S - 3600}&to=${NOW_S}`;
    const expectations: [string, number][] = [
      ["/api/v1/datafeed/symbols?symbol=AAPL", 200],
      ["/api/v1/datafeed/symbols?symbol=NOPE", 404],
      ["/api/v1/datafeed/symbols", 400],
      ["/api/v1/datafeed/search?query=EU&limit=5", 200],
      ["/api/v1/datafeed/search?limit=0", 400],
      [`/api/v1/datafeed/history?symbol=AAPL&resolution=5&${range}`, 200],
      [
        `/api/v1/datafeed/history?symbol=AAPL&resolution=5&from=${SUNDAY_S}&to=${SUNDAY_S + 3600}`,
        200,
      ],
      [`/api/v1/datafeed/history?symbol=NOPE&resolution=5&${range}`, 404],
      [`/api/v1/datafeed/history?symbol=AAPL&resolution=0D&${range}`, 400],
      [`/api/v1/datafeed/bars?symbol=MSFT&resolution=15&${range}`, 200],
      [
        `/api/v1/datafeed/bars?symbol=MSFT&resolution=15&from=${SUNDAY_S}&to=${SUNDAY_S + 3600}`,
        200,
      ],
      [`/api/v1/datafeed/bars?symbol=NOPE&resolution=15&${range}`, 404],
      [`/api/v1/datafeed/bars?symbol=MSFT&resolution=15&from=x&to=1`, 400],
      [
        `/api/v1/datafeed/bars?symbol=ES1!&resolution=1D&${range}&adjustment=ratio`,
        200,
      ],
      [
        `/api/v1/datafeed/history?symbol=ES2!&resolution=60&${range}&roll=calendar&rollDays=4`,
        200,
      ],
      [
        `/api/v1/datafeed/bars?symbol=MSFT&resolution=15&${range}&adjustment=difference`,
        400,
      ],
      ["/api/v1/datafeed/rolls?symbol=ES1!", 200],
      ["/api/v1/datafeed/rolls?symbol=NQ2!&roll=calendar&rollDays=0", 200],
      ["/api/v1/datafeed/rolls?symbol=AAPL", 400],
      ["/api/v1/datafeed/rolls?symbol=ES1!&rollDays=21", 400],
      ["/api/v1/datafeed/rolls?symbol=ES9!", 404],
      ["/api/v1/datafeed/quotes?symbols=AAPL,NOPE", 200],
      ["/api/v1/datafeed/quotes?symbols=,", 400],
      ["/api/v1/datafeed/quotes", 400],
    ];
    for (const [path, status] of expectations)
      expect((await call(path)).status, path).toBe(status);

    await sql`ALTER TABLE bars_1m RENAME TO bars_1m_away`.execute(
      t.database.db,
    );
    try {
      expect(
        (
          await call(
            `/api/v1/datafeed/history?symbol=AAPL&resolution=5&${range}`,
          )
        ).status,
      ).toBe(500);
    } finally {
      await sql`ALTER TABLE bars_1m_away RENAME TO bars_1m`.execute(
        t.database.db,
      );
    }
  });

  it("auth operations", async () => {
    const login = (body: unknown) =>
      call("/api/v1/auth/login", { method: "POST", body });
    const ok = await login({ username: "alice", password: "demo1234" });
    expect(ok.status).toBe(200);
    alice = (ok.json() as { token: string }).token;
    bob = (
      (await login({ username: "bob", password: "demo1234" })).json() as {
        token: string;
      }
    ).token;
    expect((await login({ username: "alice" })).status).toBe(400);
    expect(
      (await login({ username: "alice", password: "demo1234", otp: 1 })).status,
    ).toBe(400);
    for (let i = 0; i < 5; i++)
      expect(
        (await login({ username: "mallory", password: "guess" })).status,
      ).toBe(401);
    expect(
      (await login({ username: "mallory", password: "guess" })).status,
    ).toBe(429);
    expect(
      (await call("/api/v1/auth/login", { method: "POST", raw: xml })).status,
    ).toBe(415);
    expect(
      (await call("/api/v1/auth/login", { method: "POST", raw: huge })).status,
    ).toBe(413);

    expect((await call("/api/v1/auth/me", { token: alice })).status).toBe(200);
    expect((await call("/api/v1/auth/me")).status).toBe(401);
    expect((await call(`/api/v1/auth/me?token=${alice}`, {})).status).toBe(400);

    const throwaway = (
      (await login({ username: "bob", password: "demo1234" })).json() as {
        token: string;
      }
    ).token;
    expect(
      (await call("/api/v1/auth/logout", { method: "POST", token: throwaway }))
        .status,
    ).toBe(204);
    expect(
      (await call("/api/v1/auth/logout?all=1", { method: "POST" })).status,
    ).toBe(400);
    expect(
      (await call("/api/v1/auth/logout", { method: "POST", raw: xml })).status,
    ).toBe(415);
    expect(
      (await call("/api/v1/auth/logout", { method: "POST", raw: huge })).status,
    ).toBe(413);

    const switching = (
      (await login({ username: "alice", password: "demo1234" })).json() as {
        token: string;
      }
    ).token;
    const switchTo = (body: unknown, extra: Call = {}) =>
      call("/api/v1/auth/account", {
        method: "POST",
        token: switching,
        body,
        ...extra,
      });
    expect((await switchTo({ accountId: "acc-bob-main" })).status).toBe(404);
    expect((await switchTo({ accountId: 1 })).status).toBe(400);
    expect(
      (await switchTo({ accountId: "acc-alice-swing" }, { token: "" })).status,
    ).toBe(401);
    expect((await switchTo(null, { raw: xml })).status).toBe(415);
    expect((await switchTo(null, { raw: huge })).status).toBe(413);
    expect((await switchTo({ accountId: "acc-alice-swing" })).status).toBe(200);
  });

  it("broker operations", async () => {
    const token = alice;
    const orders = "/api/v1/broker/orders";
    for (const path of [
      "/api/v1/broker/account",
      orders,
      "/api/v1/broker/positions",
      "/api/v1/broker/executions",
    ]) {
      expect((await call(path, { token })).status).toBe(200);
      expect((await call(path)).status).toBe(401);
      expect(
        (await call(`${path}?accountId=acc-bob-main`, { token })).status,
      ).toBe(404);
      expect((await call(`${path}?acount=1`, { token })).status).toBe(400);
    }
    expect((await call(`${orders}?status=9`, { token })).status).toBe(400);

    const place = (body: unknown, as = token) =>
      call(orders, { method: "POST", token: as, body });
    const filled = await place({
      symbol: "BTCUSD",
      type: 2,
      side: 1,
      qty: 0.01,
    });
    expect(filled.status).toBe(201);
    const filledId = (filled.json() as { orderId: string }).orderId;
    const working = await place({
      symbol: "BTCUSD",
      type: 1,
      side: 1,
      qty: 0.01,
      limitPrice: 1000,
    });
    expect(working.status).toBe(201);
    const workingId = (working.json() as { orderId: string }).orderId;
    expect(
      (await place({ symbol: "BTCUSD", type: 2, side: 1, qty: 100 })).status,
    ).toBe(422);
    expect(
      (await place({ symbol: "BTCUSD", type: 2, side: 1, qty: true })).status,
    ).toBe(400);
    const keyed = { symbol: "BTCUSD", type: 2, side: 1, clientOrderId: "c-1" };
    expect((await place({ ...keyed, qty: 0.01 })).status).toBe(201);
    expect((await place({ ...keyed, qty: 0.02 })).status).toBe(409);
    expect(
      (await place({ symbol: "BTCUSD", type: 2, side: 1, qty: 0.01 }, ""))
        .status,
    ).toBe(401);
    expect(
      (
        await call(`${orders}?accountId=acc-bob-main`, {
          method: "POST",
          token,
          body: { symbol: "BTCUSD", type: 2, side: 1, qty: 0.01 },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(orders, { method: "POST", token, raw: xml })).status,
    ).toBe(415);
    expect(
      (await call(orders, { method: "POST", token, raw: huge })).status,
    ).toBe(413);

    const one = (id: string) => `${orders}/${id}`;
    expect((await call(one(workingId), { token })).status).toBe(200);
    expect((await call(one("nope"), { token })).status).toBe(404);
    expect((await call(one(workingId))).status).toBe(401);
    expect((await call(`${one(workingId)}?x=1`, { token })).status).toBe(400);

    const modify = (id: string, body: unknown, extra: Call = {}) =>
      call(one(id), { method: "PUT", token, body, ...extra });
    expect((await modify(workingId, { limitPrice: 1001 })).status).toBe(200);
    expect(
      (await modify(workingId, { qty: 100, limitPrice: 50_000 })).status,
    ).toBe(422);
    expect((await modify(workingId, { limitprice: 1001 })).status).toBe(400);
    expect((await modify("nope", { limitPrice: 1001 })).status).toBe(404);
    expect((await modify(filledId, { limitPrice: 1001 })).status).toBe(409);
    expect(
      (await modify(workingId, { limitPrice: 1001 }, { token: "" })).status,
    ).toBe(401);
    expect((await modify(workingId, null, { raw: xml })).status).toBe(415);
    expect((await modify(workingId, null, { raw: huge })).status).toBe(413);

    const cancel = (id: string, extra: Call = {}) =>
      call(one(id), { method: "DELETE", token, ...extra });
    expect((await cancel(workingId, { raw: xml })).status).toBe(415);
    expect((await cancel(workingId, { raw: huge })).status).toBe(413);
    expect((await cancel(workingId, { token: "" })).status).toBe(401);
    expect(
      (await call(`${one(workingId)}?x=1`, { method: "DELETE", token })).status,
    ).toBe(400);
    expect((await cancel(workingId)).status).toBe(200);
    expect((await cancel(workingId)).status).toBe(409);
    expect((await cancel("nope")).status).toBe(404);

    const close = (symbol: string, extra: Call = {}, query = "") =>
      call(`/api/v1/broker/positions/${symbol}${query}`, {
        method: "DELETE",
        token,
        ...extra,
      });
    expect((await close("BTCUSD", {}, "?qty=abc")).status).toBe(400);
    expect((await close("BTCUSD", { token: "" })).status).toBe(401);
    expect((await close("ETHUSD")).status).toBe(404);
    expect((await close("BTCUSD", { raw: xml })).status).toBe(415);
    expect((await close("BTCUSD", { raw: huge })).status).toBe(413);
    expect((await close("BTCUSD")).status).toBe(200);
    expect(
      (await place({ symbol: "AAPL", type: 2, side: 1, qty: 1 })).status,
    ).toBe(201);
    // 17:00 in New York: the stock market has closed, so the broker refuses to close the position.
    clock.advance(7 * 3_600_000);
    try {
      expect((await close("AAPL")).status).toBe(422);
    } finally {
      clock.advance(-7 * 3_600_000);
    }

    expect(
      (await call("/api/v1/broker/executions?limit=0", { token })).status,
    ).toBe(400);
    expect((await call(orders, { token: bob })).status).toBe(200);

    await sql`ALTER TABLE orders RENAME TO orders_away`.execute(t.database.db);
    try {
      expect((await call(orders, { token })).status).toBe(500);
    } finally {
      await sql`ALTER TABLE orders_away RENAME TO orders`.execute(
        t.database.db,
      );
    }
  });

  it("alert operations", async () => {
    const token = alice;
    const alerts = "/api/v1/alerts";
    for (const path of [alerts, `${alerts}/events`]) {
      expect((await call(path, { token })).status).toBe(200);
      expect((await call(path)).status).toBe(401);
      expect(
        (await call(`${path}?accountId=acc-bob-main`, { token })).status,
      ).toBe(404);
      expect((await call(`${path}?acount=1`, { token })).status).toBe(400);
    }
    const rule = (level: number) => ({
      condition: {
        type: "price-cross",
        symbol: "BTCUSD",
        direction: "above",
        level,
      },
    });
    const create = (body: unknown, extra: Call = {}, query = "") =>
      call(`${alerts}${query}`, { method: "POST", token, body, ...extra });
    const created = await create(rule(90_000));
    expect(created.status).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect((await create(rule(91_000))).status).toBe(201);
    expect((await create(rule(92_000))).status).toBe(422);
    expect((await create({ ...rule(1), x: 1 })).status).toBe(400);
    expect((await create(rule(1), { token: "" })).status).toBe(401);
    expect((await create(rule(1), {}, "?accountId=acc-bob-main")).status).toBe(
      404,
    );
    expect((await create(null, { raw: xml })).status).toBe(415);
    expect((await create(null, { raw: huge })).status).toBe(413);

    const one = `${alerts}/${id}`;
    expect((await call(one, { token })).status).toBe(200);
    expect((await call(one, { token: bob })).status).toBe(404);
    expect((await call(one)).status).toBe(401);
    expect((await call(`${one}?x=1`, { token })).status).toBe(400);

    const replace = (body: unknown, extra: Call = {}, path = one) =>
      call(path, { method: "PUT", token, body, ...extra });
    expect((await replace(rule(95_000))).status).toBe(200);
    expect((await replace({ condition: { type: "x" } })).status).toBe(400);
    expect((await replace(rule(1), { token: "" })).status).toBe(401);
    expect((await replace(rule(1), { token: bob })).status).toBe(404);
    expect((await replace(null, { raw: xml })).status).toBe(415);
    expect((await replace(null, { raw: huge })).status).toBe(413);

    const remove = (extra: Call = {}, path = one) =>
      call(path, { method: "DELETE", token, ...extra });
    expect((await remove({ token: "" })).status).toBe(401);
    expect((await remove({}, `${one}?x=1`)).status).toBe(400);
    expect((await remove({ token: bob })).status).toBe(404);
    expect((await remove()).status).toBe(200);
    expect((await remove()).status).toBe(404);
    expect((await call(`${alerts}/events?limit=0`, { token })).status).toBe(
      400,
    );
  });

  it("history job operations", async () => {
    const token = alice;
    const jobs = "/api/v1/history/jobs";
    const input = {
      symbols: ["AAPL"],
      resolution: "5",
      from: NOW_S - 3600,
      to: NOW_S,
      format: "csv",
    };
    expect((await call(jobs, { token })).status).toBe(200);
    expect((await call(jobs)).status).toBe(401);
    expect(
      (await call(`${jobs}?accountId=acc-bob-main`, { token })).status,
    ).toBe(404);
    expect((await call(`${jobs}?acount=1`, { token })).status).toBe(400);

    const create = (body: unknown, extra: Call = {}, query = "") =>
      call(`${jobs}${query}`, { method: "POST", token, body, ...extra });
    const created = await create(input);
    expect(created.status).toBe(202);
    const id = (created.json() as { id: string }).id;
    expect((await create({ ...input, symbols: ["NOPE"] })).status).toBe(404);
    expect((await create({ ...input, from: NOW_S })).status).toBe(400);
    expect((await create(input, { token: "" })).status).toBe(401);
    expect((await create(input, {}, "?accountId=acc-bob-main")).status).toBe(
      404,
    );
    expect((await create(null, { raw: xml })).status).toBe(415);
    expect((await create(null, { raw: huge })).status).toBe(413);
    let first = created.json() as { status: string };
    while (["queued", "running"].includes(first.status)) {
      await new Promise((r) => setTimeout(r, 20));
      first = (await call(`${jobs}/${id}`, { token })).json() as {
        status: string;
      };
    }
    expect(first.status).toBe("completed");
    // HISTORY_JOBS_PER_ACCOUNT is 1 here: of two sent together, the second finds the first
    // (about 10,000 bars, far longer than one count query) still queued or running.
    const long = {
      ...input,
      symbols: ["BTCUSD", "ETHUSD", "SOLUSD", "EURUSD", "GBPUSD", "USDJPY"],
      resolution: "1",
      from: NOW_S - 86_400,
    };
    const pair = await Promise.all([create(long), create(input)]);
    expect(pair.map((r) => r.status).sort()).toEqual([202, 422]);
    const running = pair.find((r) => r.status === 202);
    const runningId = (running?.json() as { id: string }).id;

    const one = `${jobs}/${id}`;
    expect((await call(one, { token })).status).toBe(200);
    expect((await call(one, { token: bob })).status).toBe(404);
    expect((await call(one)).status).toBe(401);
    expect((await call(`${one}?x=1`, { token })).status).toBe(400);

    const file = `${one}/file`;
    expect((await call(file, { token })).status).toBe(200);
    expect((await call(file, { token: bob })).status).toBe(404);
    expect((await call(file)).status).toBe(401);
    expect((await call(`${file}?x=1`, { token })).status).toBe(400);

    const cancel = (path: string, extra: Call = {}) =>
      call(`${path}/cancel`, { method: "POST", token, ...extra });
    expect((await cancel(one)).status).toBe(200);
    expect((await cancel(one, { token: bob })).status).toBe(404);
    expect((await cancel(one, { token: "" })).status).toBe(401);
    expect(
      (await call(`${one}/cancel?x=1`, { method: "POST", token })).status,
    ).toBe(400);
    expect((await cancel(`${jobs}/${runningId}`)).status).toBe(200);
  });

  it("workspace operations", async () => {
    const token = alice;
    for (const path of [
      "/api/v1/settings",
      "/api/v1/watchlists",
      "/api/v1/drawings/AAPL",
    ]) {
      expect((await call(path, { token })).status).toBe(200);
      expect((await call(path)).status).toBe(401);
      expect((await call(`${path}?x=1`, { token })).status).toBe(400);
    }
    const write = (
      method: string,
      path: string,
      body: unknown,
      extra: Call = {},
    ) => call(path, { method, token, body, ...extra });
    const list = { name: "List", symbols: ["AAPL"] };
    for (const [method, path, body, bad] of [
      ["PUT", "/api/v1/settings", { theme: "light" }, { theme: "blue" }],
      ["PUT", "/api/v1/drawings/AAPL", { drawings: [] }, { drawings: 1 }],
      ["POST", "/api/v1/watchlists", list, { ...list, x: 1 }],
    ] as const) {
      expect((await write(method, path, body)).status).toBe(
        method === "POST" ? 201 : 200,
      );
      expect((await write(method, path, bad)).status).toBe(400);
      expect((await write(method, path, body, { token: "" })).status).toBe(401);
      expect((await write(method, path, null, { raw: xml })).status).toBe(415);
      expect((await write(method, path, null, { raw: huge })).status).toBe(413);
    }
    for (let i = 0; i < 18; i++)
      expect((await write("POST", "/api/v1/watchlists", list)).status).toBe(
        201,
      );
    expect((await write("POST", "/api/v1/watchlists", list)).status).toBe(409);

    const [first] = (await call("/api/v1/watchlists", { token })).json() as {
      id: string;
    }[];
    const one = `/api/v1/watchlists/${first?.id ?? ""}`;
    expect((await write("PUT", one, list)).status).toBe(200);
    expect((await write("PUT", one, { name: "", symbols: [] })).status).toBe(
      400,
    );
    expect((await write("PUT", one, list, { token: "" })).status).toBe(401);
    expect((await write("PUT", one, list, { token: bob })).status).toBe(404);
    expect((await write("PUT", one, null, { raw: xml })).status).toBe(415);
    expect((await write("PUT", one, null, { raw: huge })).status).toBe(413);
    expect((await call(one, { method: "DELETE", token: bob })).status).toBe(
      404,
    );
    expect((await call(one, { method: "DELETE" })).status).toBe(401);
    expect((await call(`${one}?x=1`, { method: "DELETE", token })).status).toBe(
      400,
    );
    expect((await call(one, { method: "DELETE", token })).status).toBe(204);
    const [bobs] = (
      await call("/api/v1/watchlists", { token: bob })
    ).json() as { id: string }[];
    expect(
      (
        await call(`/api/v1/watchlists/${bobs?.id ?? ""}`, {
          method: "DELETE",
          token: bob,
        })
      ).status,
    ).toBe(409);
  });

  it("the check itself refuses an undeclared status, a body off its schema and a missing required header", () => {
    const probe = new OpenApiConformance();
    const json = new Headers({ "content-type": "application/json" });
    probe.check({
      method: "GET",
      url: "/api/v1/datafeed/bars?symbol=X",
      status: 500,
      headers: json,
      text: '{"code":"INTERNAL_ERROR","message":"m"}',
    });
    probe.check({
      method: "GET",
      url: "/api/v1/datafeed/bars?symbol=X",
      status: 404,
      headers: json,
      text: '{"s":"error","errmsg":"unknown symbol","code":"UNKNOWN_SYMBOL"}',
    });
    probe.check({
      method: "POST",
      url: "/api/v1/auth/login",
      status: 429,
      headers: json,
      text: '{"code":"RATE_LIMITED","message":"m"}',
    });
    probe.check({
      method: "POST",
      url: "/api/v1/auth/login",
      status: 418,
      headers: json,
      text: "{}",
    });
    expect(probe.violations).toEqual([
      expect.stringMatching(/must have required property 'message'/),
      expect.stringMatching(/required header Retry-After missing/),
      expect.stringMatching(/status not declared for login/),
    ]);
  });

  it("realtime fallback operations", async () => {
    const evil = { origin: "https://evil.example" };
    expect((await call("/api/v1/sse", { method: "HEAD" })).status).toBe(200);
    expect((await call("/api/v1/sse?since=1")).status).toBe(400);
    expect((await call("/api/v1/sse", { headers: evil })).status).toBe(403);
    const stream = await TestEventStream.open(t.httpUrl, { token: alice });
    const session = `/api/v1/sse/${stream.session ?? ""}`;
    const ping = { type: "ping", id: 1, payload: { t: 1 } };
    for (const [path, body] of [
      [session, ping],
      [`${session}/pong`, { data: "00" }],
    ] as const) {
      const post = (options: Call) =>
        call(`${path}?token=${alice}`, { method: "POST", ...options });
      expect((await post({ body })).status).toBe(path === session ? 202 : 204);
      expect((await post({ body: [] })).status).toBe(400);
      expect((await post({ body, headers: evil })).status).toBe(403);
      expect((await post({ body, token: bob })).status).toBe(403);
      expect((await post({ raw: xml })).status).toBe(415);
      expect((await post({ raw: huge })).status).toBe(413);
      expect(
        (
          await call(`${path.replace(stream.session ?? "", "gone")}`, {
            method: "POST",
            body,
          })
        ).status,
      ).toBe(404);
    }
    stream.close();
  });

  it("found every response in the spec, and provoked every status each operation declares", () => {
    expect(spec.violations).toEqual([]);
    expect(spec.checked).toBeGreaterThanOrEqual(100);
    const missing: string[] = [];
    for (const id of spec.operationIds) {
      const seen = spec.seen.get(id) ?? new Set<string>();
      for (const status of spec.declared(id)) {
        if (seen.has(status)) continue;
        if (`${id} ${status}` in NOT_PROVOKED) continue;
        if (`* ${status}` in NOT_PROVOKED) continue;
        missing.push(`${id} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
