import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { tradingModules } from "../../src/compositions";
import { loadConfig } from "../../src/config";
import { silentProgress } from "../../src/modules/datafeed/progress";
import { refusalOf } from "../support/config-refusal";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { memoryDatabase } from "../support/databases";
import { TestSocket } from "../support/test-socket";

const ENV = {
  LOG_LEVEL: "silent",
  JWT_SECRET: "indicator-limits-secret-0123456789abcdef",
  BACKFILL_DAYS: "1",
};

describe("INDICATORS_MAX_TOPICS", () => {
  let app: TradewireApp;
  let wsUrl: string;

  beforeAll(async () => {
    app = await createApp({
      config: loadConfig({ ...ENV, INDICATORS_MAX_TOPICS: "2" }),
      database: await memoryDatabase(),
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      modules: tradingModules({ progress: silentProgress }),
    });
    const httpUrl = await app.listen(0, "127.0.0.1");
    wsUrl = `${httpUrl.replace(/^http/, "ws")}/api/v1/ws`;
  });
  afterAll(() => app.close());

  it("defaults to 10,000 and refuses values outside 1..1,000,000", () => {
    expect(loadConfig(ENV).indicators.maxTopics).toBe(10_000);
    for (const value of ["0", "1000001", "many"])
      expect(
        refusalOf(() => loadConfig({ ...ENV, INDICATORS_MAX_TOPICS: value }))
          .variable,
      ).toBe("INDICATORS_MAX_TOPICS");
  });

  it("refuses a topic past the limit with SUBSCRIPTION_LIMIT, shares existing ones, and frees a slot when one ends", async () => {
    const a = await TestSocket.open(wsUrl);
    const b = await TestSocket.open(wsUrl);
    const sma = { symbol: "BTCUSD", resolution: "1", kind: "sma", history: 5 };
    const rsi = { ...sma, kind: "rsi" };
    const ema = { ...sma, kind: "ema" };
    expect((await a.subscribe("indicators", sma)).payload.status).toBe("ok");
    expect((await a.subscribe("indicators", rsi)).payload.status).toBe("ok");
    const refused = await b.subscribe("indicators", ema);
    expect(refused.payload).toMatchObject({
      status: "error",
      code: "SUBSCRIPTION_LIMIT",
    });
    // An existing topic is shared, not computed again: it does not count twice.
    expect((await b.subscribe("indicators", sma)).payload.status).toBe("ok");
    a.send({ type: "indicators.unsubscribe", id: 7, payload: rsi });
    await a.next((f) => f.type === "indicators.unsubscribe.response");
    expect((await b.subscribe("indicators", ema)).payload.status).toBe("ok");
    a.close();
    b.close();
    expect(takeViolations()).toEqual([]);
  });
});
