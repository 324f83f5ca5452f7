import type { AlertEvent, AlertRule } from "@tradewire/client";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import type {
  Firing,
  StoredRule,
} from "../../src/modules/analytics/alerts/model";
import { AlertStore } from "../../src/modules/analytics/alerts/store/alert-store";
import { testDatabases } from "../support/databases";

const condition = {
  type: "price-cross",
  symbol: "BTCUSD",
  direction: "above",
  level: 100,
} as const;

const rule = (id: string, extra: Partial<AlertRule> = {}): AlertRule => ({
  id,
  name: id,
  condition,
  repeat: true,
  cooldownSeconds: 0,
  status: "active",
  createdAt: 1,
  updatedAt: 1,
  fireCount: 0,
  ...extra,
});

const firing = (stored: StoredRule, n: number, time: number): Firing => ({
  accountId: stored.accountId,
  version: stored.version,
  rule: { ...stored.rule, fireCount: n, lastFiredAt: time, updatedAt: time },
  event: {
    alertId: stored.rule.id,
    name: stored.rule.name,
    symbol: "BTCUSD",
    condition,
    firedAt: time,
    price: 101,
    message: "m",
  },
});

async function withAccounts(db: Database): Promise<void> {
  await db.db
    .insertInto("users")
    .values({ id: "u", username: "u", display_name: "u", password_hash: "x" })
    .execute();
  await db.db
    .insertInto("accounts")
    .values(
      ["a", "b"].map((id, position) => ({
        id,
        user_id: "u",
        name: id,
        currency: "USD",
        starting_balance: 1,
        position,
      })),
    )
    .execute();
}

describe.each(testDatabases())("the alert store on $name", (engine) => {
  afterAll(() => engine.dispose());

  it("numbers firings per account, writes a rule fired twice in a batch once, drops stale firings", async () => {
    const db = await engine.open();
    await withAccounts(db);
    const store = new AlertStore(db);
    const one: StoredRule = { accountId: "a", version: 1, rule: rule("r1") };
    const two: StoredRule = { accountId: "a", version: 1, rule: rule("r2") };
    const other: StoredRule = { accountId: "b", version: 1, rule: rule("r3") };
    for (const s of [one, two, other]) await store.insert(s);

    const first = await store.fire("a", [
      firing(one, 1, 10),
      firing(two, 1, 10),
      firing(one, 2, 20),
    ]);
    expect(first.map((e) => e?.sequence)).toEqual([1, 2, 3]);
    expect((await store.rule("a", "r1"))?.rule).toMatchObject({
      fireCount: 2,
      lastFiredAt: 20,
    });
    expect((await store.fire("b", [firing(other, 1, 30)]))[0]?.sequence).toBe(
      1,
    );

    // A write over a state read before the firing is refused: it would undo the firing.
    expect(
      await store.update(
        { ...two, version: 2, rule: { ...two.rule, updatedAt: 40 } },
        two,
      ),
    ).toBe(false);
    // Replaced meanwhile (version 2): the firing decided under version 1 is not stored.
    const twoNow = await store.rule("a", "r2");
    if (!twoNow) throw new Error("r2 is missing");
    expect(
      await store.update(
        { ...twoNow, version: 2, rule: { ...twoNow.rule, updatedAt: 40 } },
        twoNow,
      ),
    ).toBe(true);
    const stale = await store.fire("a", [
      firing(two, 2, 50),
      firing(one, 3, 50),
    ]);
    expect(stale.map((e) => e?.sequence ?? null)).toEqual([null, 4]);
    // Deleted: nothing stored, and the rule reads as missing.
    const oneNow = await store.rule("a", "r1");
    if (!oneNow) throw new Error("r1 is missing");
    expect(
      await store.update(
        { ...oneNow, rule: { ...oneNow.rule, status: "deleted" } },
        oneNow,
      ),
    ).toBe(true);
    expect(await store.fire("a", [firing(one, 4, 60)])).toEqual([null]);
    expect(await store.rule("a", "r1")).toBeNull();
    expect(await store.rule("b", "r2")).toBeNull();

    const events: AlertEvent[] = await store.eventsSince("a", 0, 100);
    expect(events.map((e) => [e.sequence, e.alertId, e.firedAt])).toEqual([
      [1, "r1", 10],
      [2, "r2", 10],
      [3, "r1", 20],
      [4, "r1", 50],
    ]);
    expect(
      (await store.eventsBefore("a", 4, 2)).map((e) => e.sequence),
    ).toEqual([3, 2]);
    await db.close();
  });
});
