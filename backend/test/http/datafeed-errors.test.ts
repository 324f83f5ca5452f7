import { SchemaValidators } from "@tradewire/client/validators";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type TradewireApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import type { Database } from "../../src/db/database";
import { datafeedModules } from "../../src/compositions";
import { silentProgress } from "../../src/modules/datafeed/progress";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { memoryDatabase } from "../support/databases";
import { recordingLogger, type LogRecord } from "../support/recording-logger";
import { specFetch } from "../support/openapi-conformance";

const NOW_S = WEDNESDAY_10AM_NY / 1000;
const validators = new SchemaValidators();
const isErrorBody = validators.compile("ErrorBody", "rest");
const isUdfError = validators.compile("UdfError", "rest");

const BAD_QUERIES: [string, string, number, string, string | undefined][] = [
  [
    "an unknown symbol",
    `symbol=NOPE&resolution=1&from=${NOW_S - 3600}&to=${NOW_S}`,
    404,
    "UNKNOWN_SYMBOL",
    "symbol",
  ],
  [
    "an unknown resolution",
    `symbol=AAPL&resolution=0D&from=${NOW_S - 3600}&to=${NOW_S}`,
    400,
    "UNKNOWN_RESOLUTION",
    "resolution",
  ],
  [
    "a non-numeric from",
    `symbol=AAPL&resolution=1&from=yesterday&to=${NOW_S}`,
    400,
    "INVALID_PARAMS",
    "from",
  ],
  [
    "from after to",
    `symbol=AAPL&resolution=1&from=${NOW_S}&to=${NOW_S - 3600}`,
    400,
    "INVALID_RANGE",
    "from",
  ],
  [
    "an absurd range",
    `symbol=AAPL&resolution=1&from=0&to=${NOW_S}`,
    400,
    "INVALID_RANGE",
    "from",
  ],
  [
    "a missing symbol",
    `resolution=1&from=${NOW_S - 3600}&to=${NOW_S}`,
    400,
    "INVALID_PARAMS",
    "symbol",
  ],
  [
    "an unknown parameter",
    `symbol=AAPL&resolution=1&from=${NOW_S - 3600}&to=${NOW_S}&limit=5`,
    400,
    "INVALID_PARAMS",
    "limit",
  ],
  [
    "a NUL in the symbol",
    `symbol=A%00&resolution=1&from=${NOW_S - 3600}&to=${NOW_S}`,
    400,
    "INVALID_PARAMS",
    "symbol",
  ],
];

describe("datafeed errors: declared shapes, quiet logs", () => {
  const records: LogRecord[] = [];
  let app: TradewireApp;
  let database: Database;
  let url: string;
  const get = async (path: string) => {
    const res = await specFetch(`${url}${path}`);
    const body: unknown = JSON.parse(res.text);
    return { status: res.status, body };
  };
  const loud = () =>
    records.filter((r) => ["fatal", "error", "warn"].includes(r.level));

  beforeAll(async () => {
    database = await memoryDatabase();
    app = await createApp({
      config: loadConfig({
        LOG_LEVEL: "silent",
        JWT_SECRET: "datafeed-errors-secret-0123456789abcdef",
        BACKFILL_DAYS: "1",
        HISTORY_CACHE_MINUTES: "0",
      }),
      database,
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      logger: recordingLogger(records),
      modules: datafeedModules({ progress: silentProgress }),
    });
    url = await app.listen(0, "127.0.0.1");
  });
  afterAll(() => app.close());

  it.each(BAD_QUERIES)(
    "/bars answers %s with the declared ErrorBody, never a 500",
    async (_what, query, status, code, field) => {
      const res = await get(`/api/v1/datafeed/bars?${query}`);
      expect(res.status).toBe(status);
      expect(isErrorBody(res.body).ok).toBe(true);
      expect(res.body).toMatchObject({ code, field });
    },
  );

  it.each(BAD_QUERIES)(
    "/history answers %s in UDF shape and logs it below warn, without a stack",
    async (_what, query, status, code, field) => {
      records.length = 0;
      const res = await get(`/api/v1/datafeed/history?${query}`);
      expect(res.status).toBe(status);
      expect(isUdfError(res.body).ok).toBe(true);
      expect(res.body).toMatchObject({ s: "error", code, field });
      // Let anything logged after the answer arrive too.
      await new Promise((resolve) => setImmediate(resolve));
      expect(loud()).toEqual([]);
      const debug = records.filter((r) => r.level === "debug");
      expect(debug.map((r) => [r.fields.statusCode, r.fields.code])).toEqual([
        [status, code],
      ]);
      expect(records.some((r) => "err" in r.fields)).toBe(false);
    },
  );

  it("still logs a server fault at error with its stack, and answers 500 INTERNAL_ERROR", async () => {
    records.length = 0;
    await sql`ALTER TABLE bars_1m RENAME TO bars_1m_away`.execute(database.db);
    try {
      const res = await get(
        `/api/v1/datafeed/history?symbol=AAPL&resolution=1&from=${NOW_S - 3 * 86_400}&to=${NOW_S - 2 * 86_400}`,
      );
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        requestId: expect.any(String) as string,
        code: "INTERNAL_ERROR",
        message: "the request could not be processed",
      });
    } finally {
      await sql`ALTER TABLE bars_1m_away RENAME TO bars_1m`.execute(
        database.db,
      );
    }
    const errors = records.filter((r) => r.level === "error");
    expect(errors).toHaveLength(1);
    expect((errors[0]?.fields.err as Error).stack).toMatch(/bars_1m/);
  });
});
