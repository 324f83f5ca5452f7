import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { httpFrom, type HttpAnswer } from "../support/http-from";
import { parseSamples, scrape, valueOf } from "../support/metrics-text";
import { startTradingApp, type TradingApp } from "../support/trading-app";

const LOGIN = "/api/v1/auth/login";

describe("login rate limits", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  const login = (from: string, username: string, password: string) =>
    httpFrom<{ token?: string; code?: string; message?: string }>(
      from,
      `${t.httpUrl}${LOGIN}`,
      { method: "POST", body: { username, password } },
    );
  const retryAfter = (res: HttpAnswer) => Number(res.headers["retry-after"]);

  beforeAll(async () => {
    // The defaults: 30 attempts per address and 5 failures per username in 10 minutes, locks
    // of 60 s doubling up to an hour, 2 hashes at once and 32 waiting.
    t = await startTradingApp({ clock });
  });
  afterAll(() => t.close());

  it("refuses a flood from one address with 429 and Retry-After before checking any password, while another user logs in and reads their account", async () => {
    const flood = Array.from({ length: 200 }, (_, i) =>
      login("127.0.0.2", `guess-${i}`, "wrong-password"),
    );
    const alice = (async () => {
      const res = await login("127.0.0.3", "alice", "demo1234");
      const account = await httpFrom(
        "127.0.0.3",
        `${t.httpUrl}/api/v1/broker/account`,
        { token: res.body.token ?? "" },
      );
      return { login: res, account };
    })();
    const [answers, other] = await Promise.all([Promise.all(flood), alice]);

    const refused = answers.filter((a) => a.status === 429);
    // Exactly the 30 attempts the address may make had a password checked (and were wrong); the
    // other 170 were refused on the limit alone.
    expect(answers.filter((a) => a.status === 401)).toHaveLength(30);
    expect(refused).toHaveLength(170);
    for (const r of refused) {
      expect(r.body).toEqual({
        requestId: expect.any(String) as string,
        code: "RATE_LIMITED",
        message: "too many login attempts from this address: try again in 60 s",
      });
      expect(retryAfter(r)).toBe(60);
    }
    expect(other.login.status).toBe(200);
    expect(other.account.status).toBe(200);
    expect(other.account.body).toMatchObject({
      account: { id: "acc-alice-main" },
    });
    const samples = parseSamples(await scrape(t.httpUrl));
    const throttled = (reason: string) =>
      valueOf(samples, "tradewire_login_throttled_total", { reason });
    expect([
      throttled("address"),
      throttled("username"),
      throttled("busy"),
    ]).toEqual([170, 0, 0]);
  });

  it("keeps a locked address locked for the right password too, and doubles the lock each time it is reached again", async () => {
    const from = "127.0.0.4";
    for (let i = 0; i < 30; i++)
      expect((await login(from, `nobody-${i}`, "x")).status).toBe(401);
    const first = await login(from, "bob", "demo1234");
    expect(first.status).toBe(429);
    expect(retryAfter(first)).toBe(60);

    clock.advance(59_000);
    const stillLocked = await login(from, "bob", "demo1234");
    expect(stillLocked.status).toBe(429);
    expect(retryAfter(stillLocked)).toBe(1);

    clock.advance(1_000);
    expect((await login(from, "bob", "demo1234")).status).toBe(200);
    for (let i = 0; i < 29; i++)
      expect((await login(from, `nobody-${i}`, "x")).status).toBe(401);
    const second = await login(from, "bob", "demo1234");
    expect(second.status).toBe(429);
    expect(retryAfter(second)).toBe(120);

    clock.advance(120_000);
    for (let i = 0; i < 30; i++) await login(from, `nobody-${i}`, "x");
    expect(retryAfter(await login(from, "bob", "demo1234"))).toBe(240);
  });

  it("locks a username after 5 failures from any addresses; its owner's right password waits for the lock too", async () => {
    const froms = ["127.0.0.5", "127.0.0.6", "127.0.0.7"];
    for (let i = 0; i < 5; i++)
      expect(
        (await login(froms[i % 3] as string, "bob", "not-his-password")).status,
      ).toBe(401);
    const locked = await login("127.0.0.8", "bob", "demo1234");
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({
      requestId: expect.any(String) as string,
      code: "RATE_LIMITED",
      message: "too many failed logins for this username: try again in 60 s",
    });
    // The lock is on the name however it is typed.
    expect((await login("127.0.0.8", " BOB ", "demo1234")).status).toBe(429);
    // Other users are not affected.
    expect((await login("127.0.0.8", "alice", "demo1234")).status).toBe(200);
    // The two refusals of bob, counted by what refused them (the earlier tests locked no username).
    expect(
      valueOf(
        parseSamples(await scrape(t.httpUrl)),
        "tradewire_login_throttled_total",
        { reason: "username" },
      ),
    ).toBe(2);

    clock.advance(60_000);
    expect((await login("127.0.0.8", "bob", "demo1234")).status).toBe(200);
  });

  it("does not count a success against the username, nor let it lift a lock", async () => {
    clock.advance(600_000);
    for (let i = 0; i < 4; i++)
      expect((await login("127.0.0.9", "alice", "typo")).status).toBe(401);
    expect((await login("127.0.0.9", "alice", "demo1234")).status).toBe(200);
    // The fifth failure is still answered: the success in between did not count.
    expect((await login("127.0.0.9", "alice", "typo")).status).toBe(401);
    expect((await login("127.0.0.9", "alice", "demo1234")).status).toBe(429);
    clock.advance(30_000);
    const later = await login("127.0.0.12", "alice", "demo1234");
    expect(later.status).toBe(429);
    expect(retryAfter(later)).toBe(30);
  });
});

describe("login hashing bound", () => {
  let t: TradingApp;
  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      env: { LOGIN_HASH_CONCURRENCY: "1", LOGIN_HASH_QUEUE: "2" },
    });
  });
  afterAll(() => t.close());

  it("checks at most LOGIN_HASH_CONCURRENCY passwords at once with LOGIN_HASH_QUEUE waiting, and refuses the rest at once with 429 and Retry-After: 1", async () => {
    // Hold the database so the first check cannot finish: the embedded database has one
    // connection, and a transaction keeps it until it ends.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = (): void => undefined;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const transaction = t.database.db.transaction().execute(async (trx) => {
      await trx.selectFrom("users").select("id").execute();
      holding();
      await held;
    });
    await holds;
    let answered = 0;
    let nineAnswered = (): void => undefined;
    const nine = new Promise<void>((resolve) => (nineAnswered = resolve));
    const attempts = Array.from({ length: 12 }, (_, i) =>
      httpFrom<{ code?: string; message?: string }>(
        `127.0.1.${i + 1}`,
        `${t.httpUrl}${LOGIN}`,
        {
          method: "POST",
          body: { username: i % 2 ? "alice" : "bob", password: "demo1234" },
        },
      ).then((answer) => {
        if (++answered === 9) nineAnswered();
        return answer;
      }),
    );
    // One check is running (stuck on the database) and two wait: the other nine are answered
    // at once, while the database is still held.
    await nine;
    release();
    await transaction;
    const answers = await Promise.all(attempts);
    const busy = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(busy).toHaveLength(9);
    for (const b of busy) {
      expect(b.headers["retry-after"]).toBe("1");
      expect(b.body).toEqual({
        requestId: expect.any(String) as string,
        code: "RATE_LIMITED",
        message:
          "the server is checking too many logins at once: try again in 1 s",
      });
    }
    expect(
      valueOf(
        parseSamples(await scrape(t.httpUrl)),
        "tradewire_login_throttled_total",
        { reason: "busy" },
      ),
    ).toBe(9);
  });
});

describe("login rate limits behind a proxy", () => {
  let t: TradingApp;
  beforeAll(async () => {
    t = await startTradingApp({
      clock: new ManualClock(WEDNESDAY_10AM_NY),
      env: {
        TRUST_PROXY: "127.0.0.1",
        LOGIN_MAX_ATTEMPTS_PER_ADDRESS: "3",
      },
    });
  });
  afterAll(() => t.close());

  it("limits each client by the X-Forwarded-For address a trusted proxy adds (LOGIN_MAX_ATTEMPTS_PER_ADDRESS)", async () => {
    const via = (client: string) =>
      httpFrom("127.0.0.1", `${t.httpUrl}${LOGIN}`, {
        method: "POST",
        body: { username: "nobody", password: "x" },
        headers: { "x-forwarded-for": client },
      });
    for (let i = 0; i < 3; i++)
      expect((await via("203.0.113.7")).status).toBe(401);
    expect((await via("203.0.113.7")).status).toBe(429);
    expect((await via("203.0.113.8")).status).toBe(401);
  });
});
