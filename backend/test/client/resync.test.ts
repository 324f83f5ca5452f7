import {
  createRestClient,
  executionsResync,
  TradewireClient,
  type Execution,
  type ResyncEvent,
  type UpdateMeta,
} from "@tradewire/client";
import WebSocket from "ws";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { specRequestFetch } from "../support/openapi-conformance";
import { until } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";
import {
  MARKET_BUY,
  pgliteFolder,
  writeExecutionHistory,
} from "../ws/execution-history";

/** More than one replay page (1,000) and more than four REST pages (500). */
const HISTORY = 2_300;
const ACCOUNT = "acc-alice-main";

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("the client resynchronises executions over REST when the server cannot replay", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY + 5_000);
  const database = pgliteFolder();
  let t: TradingApp | null = null;
  let client: TradewireClient | null = null;

  beforeAll(async () => {
    await writeExecutionHistory(clock, database, "alice", ACCOUNT, HISTORY);
  }, 60_000);
  afterEach(async () => {
    await client?.close();
    await t?.close();
    client = t = null;
    expect(takeViolations()).toEqual([]);
  });

  /** The app on the history's database, alice's token, and the newest sequence so far. */
  const start = async (env: Record<string, string>) => {
    const db = await database();
    const { execution_seq: newest } = await db.db
      .selectFrom("account_state")
      .select("execution_seq")
      .where("account_id", "=", ACCOUNT)
      .executeTakeFirstOrThrow();
    const app = await startTradingApp({ clock, database: db, env });
    t = app;
    return { app, token: await app.login("alice"), newest };
  };
  const buy = async (app: TradingApp, token: string) => {
    const placed = await app.request("POST", "/api/v1/broker/orders", {
      token,
      body: { ...MARKET_BUY, qty: 1 },
    });
    expect(placed.status).toBe(201);
  };

  /** Connect a client to `app`, reading what the server cannot replay from `rest` when given. */
  const connect = (
    app: TradingApp,
    token: string,
    rest?: ReturnType<typeof createRestClient>,
  ): TradewireClient => {
    const connected = new TradewireClient({
      url: app.wsUrl,
      WebSocket,
      token,
      ...(rest ? { resync: { executions: executionsResync(rest) } } : {}),
    });
    client = connected;
    connected.connect();
    return connected;
  };

  it("refused up front (more than WS_REPLAY_MAX_EVENTS after the cursor): every execution once, in order, then live", async () => {
    const { app, token, newest } = await start({
      WS_REPLAY_MAX_EVENTS: "500",
    });
    const rest = createRestClient({
      baseUrl: app.httpUrl,
      token,
      fetch: specRequestFetch,
    });
    const connected = connect(app, token, rest);
    const got: { sequence: number; meta: UpdateMeta }[] = [];
    const resyncs: ResyncEvent[] = [];
    const sub = connected.subscribe(
      "executions",
      { since: 100 },
      (e: Execution, meta) => got.push({ sequence: e.sequence, meta }),
      { onResync: (event) => resyncs.push(event) },
    );
    expect(await sub.ready).toBe(`executions:{"accountId":"${ACCOUNT}"}`);
    await until(() => resyncs.length === 1, 10_000, "the resync");
    expect(resyncs[0]).toEqual({
      route: "executions",
      key: "executions:{}",
      after: 100,
      recovered: newest - 100,
    });
    await buy(app, token);
    await until(() => got.length === newest - 100 + 1);
    expect(got.map((g) => g.sequence)).toEqual(range(101, newest + 1));
    expect(got.slice(0, -1).every((g) => g.meta.resynced === true)).toBe(true);
    expect(got.at(-1)?.meta.resynced).toBeUndefined();
  });

  it("stopped part way, with live fills during the REST read: every execution once, in order", async () => {
    const { app, token, newest } = await start({
      WS_REPLAY_MAX_EVENTS: "1500",
    });
    let fillsDuringRead = 0;
    const rest = createRestClient({
      baseUrl: app.httpUrl,
      token,
      // A fill lands while the client reads the history: it arrives live and over REST.
      fetch: async (request) => {
        if (fillsDuringRead === 0) {
          fillsDuringRead += 1;
          await buy(app, token);
        }
        return specRequestFetch(request);
      },
    });
    const connected = connect(app, token, rest);
    const sequences: number[] = [];
    const resyncs: ResyncEvent[] = [];
    connected.subscribe(
      "executions",
      { since: 0 },
      (e: Execution) => sequences.push(e.sequence),
      { onResync: (event) => resyncs.push(event) },
    );
    await until(() => resyncs.length === 1, 10_000, "the resync");
    // The server replayed one page, then said RESYNC_REQUIRED; REST brought the rest.
    expect(resyncs[0]).toMatchObject({
      after: 1000,
      recovered: newest + 1 - 1000,
    });
    await buy(app, token);
    await until(() => sequences.length === newest + 2);
    expect(sequences).toEqual(range(1, newest + 2));
  });

  it("without a resync source, subscribes live again and tells the application where the hole starts", async () => {
    const { app, token, newest } = await start({ WS_REPLAY_MAX_EVENTS: "10" });
    const connected = connect(app, token);
    const sequences: number[] = [];
    const resyncs: ResyncEvent[] = [];
    connected.subscribe(
      "executions",
      { since: newest - 50 },
      (e: Execution) => sequences.push(e.sequence),
      { onResync: (event) => resyncs.push(event) },
    );
    await until(() => resyncs.length === 1, 10_000, "the resync");
    expect(resyncs[0]).toMatchObject({ after: newest - 50, recovered: null });
    await buy(app, token);
    await until(() => sequences.length === 1);
    expect(sequences).toEqual([newest + 1]);
  });
});
