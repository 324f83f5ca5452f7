import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtAuth } from "../../src/auth/jwt";
import type { SessionGuard } from "../../src/auth/sessions";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import {
  startTradingApp,
  TRADING_JWT_SECRET,
  type TradingApp,
} from "../support/trading-app";

describe("the auth module's session guard", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  const signer = new JwtAuth(TRADING_JWT_SECRET, clock);
  let t: TradingApp;
  let guard: SessionGuard;
  const sessionOf = async (userId: string, accountId: string) =>
    t.app.auth.verify((await signer.sign({ userId, accountId })).token);
  const active = async (userId: string, accountId: string) => {
    // Past the guard's one-second memo, so each answer reflects the database now.
    clock.advance(1000);
    return guard.isActive(await sessionOf(userId, accountId));
  };

  beforeAll(async () => {
    t = await startTradingApp({ clock });
    const found = t.app.modules.find((m) => m.name === "auth")?.sessionGuard;
    if (!found) throw new Error("the auth module offers no session guard");
    guard = found;
  });
  afterAll(() => t.close());

  it("holds for a user's own accounts, and not for another user's account or an unknown user", async () => {
    expect(await active("u-alice", "acc-alice-main")).toBe(true);
    expect(await active("u-alice", "acc-alice-swing")).toBe(true);
    expect(await active("u-alice", "acc-bob-main")).toBe(false);
    expect(await active("u-ghost", "acc-alice-main")).toBe(false);
  });

  it("stops holding once the account or the user is removed", async () => {
    await t.database.db
      .insertInto("users")
      .values({
        id: "u-carol",
        username: "carol",
        display_name: "Carol",
        password_hash: "unused",
      })
      .execute();
    await t.database.db
      .insertInto("accounts")
      .values([
        {
          id: "acc-carol-1",
          user_id: "u-carol",
          name: "One",
          currency: "USD",
          starting_balance: 1000,
          position: 0,
        },
        {
          id: "acc-carol-2",
          user_id: "u-carol",
          name: "Two",
          currency: "USD",
          starting_balance: 1000,
          position: 1,
        },
      ])
      .execute();
    expect(await active("u-carol", "acc-carol-1")).toBe(true);

    await t.database.db
      .deleteFrom("accounts")
      .where("id", "=", "acc-carol-1")
      .execute();
    expect(await active("u-carol", "acc-carol-1")).toBe(false);
    expect(await active("u-carol", "acc-carol-2")).toBe(true);

    await t.database.db
      .deleteFrom("accounts")
      .where("user_id", "=", "u-carol")
      .execute();
    await t.database.db
      .deleteFrom("users")
      .where("id", "=", "u-carol")
      .execute();
    expect(await active("u-carol", "acc-carol-2")).toBe(false);
  });

  it("stops holding for a token logout revoked, at once", async () => {
    const token = await t.login("bob");
    const session = await t.app.auth.verify(token);
    expect(await guard.isActive(session)).toBe(true);
    expect(
      (await t.request("POST", "/api/v1/auth/logout", { token })).status,
    ).toBe(204);
    expect(await guard.isActive(session)).toBe(false);
  });
});
