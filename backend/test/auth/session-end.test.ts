import { CloseCode } from "@tradewire/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/modules/auth/passwords";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

/**
 * The auth module's session guard run by the socket layer, end to end: a user or account removed
 * from the database closes the sockets that belonged to it with 4001 at the next session check,
 * and leaves everyone else's open.
 */
describe("sockets of a removed user or account", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;

  const addUser = async (id: string, username: string, accounts: string[]) => {
    await t.database.db
      .insertInto("users")
      .values({
        id,
        username,
        display_name: username,
        password_hash: await hashPassword("demo1234"),
      })
      .execute();
    await t.database.db
      .insertInto("accounts")
      .values(
        accounts.map((account, position) => ({
          id: account,
          user_id: id,
          name: account,
          currency: "USD",
          starting_balance: 10_000,
          position,
        })),
      )
      .execute();
  };

  const removeAccount = async (account: string) => {
    await t.database.db
      .deleteFrom("account_state")
      .where("account_id", "=", account)
      .execute();
    await t.database.db
      .deleteFrom("accounts")
      .where("id", "=", account)
      .execute();
  };

  /** A logged-in socket holding the account's orders topic. */
  const ordersSocket = async (username: string) => {
    const socket = await TestSocket.open(t.wsUrl, {
      token: await t.login(username),
    });
    const answer = await socket.subscribe("orders", {});
    expect(answer.payload.status).toBe("ok");
    return socket;
  };

  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      env: { WS_SESSION_CHECK_MS: "200" },
    });
    await addUser("u-dora", "dora", ["acc-dora-1"]);
    await addUser("u-erin", "erin", ["acc-erin-1"]);
  });
  afterAll(() => t.close());

  it("closes the socket of an account that was removed with 4001 and keeps the others", async () => {
    const dora = await ordersSocket("dora");
    const alice = await ordersSocket("alice");
    await removeAccount("acc-dora-1");
    // The guard remembers an answer for one second of the app's clock.
    clock.advance(1500);
    expect((await dora.closed).code).toBe(CloseCode.TokenInvalid);
    expect(alice.isOpen).toBe(true);
    expect((await alice.ping()).type).toBe("pong");
    alice.close();
  });

  it("closes the socket of a user that was removed with 4001, and a new socket with the token is refused", async () => {
    const token = await t.login("erin");
    const erin = await TestSocket.open(t.wsUrl, { token });
    expect((await erin.subscribe("orders", {})).payload.status).toBe("ok");
    await removeAccount("acc-erin-1");
    await t.database.db
      .deleteFrom("users")
      .where("id", "=", "u-erin")
      .execute();
    clock.advance(1500);
    expect((await erin.closed).code).toBe(CloseCode.TokenInvalid);
    // The upgrade asks the same guard: the token is refused at once, not at the next check.
    const again = await TestSocket.open(t.wsUrl, { token });
    expect((await again.closed).code).toBe(CloseCode.TokenInvalid);
    expect(again.frames).toEqual([]);
  });
});
