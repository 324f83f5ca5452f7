import { randomBytes } from "node:crypto";
import type { Selectable } from "kysely";
import type { Database } from "../../db/database";
import type { WatchlistsTable } from "../../db/schema";
import { HttpError } from "../../http/error-handlers";
import { MAX_WATCHLISTS } from "./limits";
import type { Watchlist } from "./model";
import { lockUser } from "./user-lock";

/** A list to store: its name (trimmed) and its symbols as the datafeed spells them. */
export interface WatchlistContent {
  readonly name: string;
  readonly symbols: readonly string[];
}

const COLUMNS = ["id", "name", "symbols", "created_at", "updated_at"] as const;

type Row = Pick<Selectable<WatchlistsTable>, (typeof COLUMNS)[number]>;

const fromRow = (row: Row): Watchlist => ({
  id: row.id,
  name: row.name,
  symbols: JSON.parse(row.symbols) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const notFound = (id: string) =>
  new HttpError(404, "NOT_FOUND", `no watchlist ${id}`);

/** 128 random bits: an id names one list and tells nothing about any other. */
const newId = () => `wl-${randomBytes(16).toString("base64url")}`;

/**
 * Named watchlists per user, in creation order. Every lookup is by id and user together, so
 * another user's id is as missing as one that never existed.
 */
export class WatchlistStore {
  constructor(private readonly database: Database) {}

  async list(userId: string): Promise<Watchlist[]> {
    const rows = await this.database.db
      .selectFrom("watchlists")
      .select(COLUMNS)
      .where("user_id", "=", userId)
      .orderBy("seq")
      .execute();
    return rows.map(fromRow);
  }

  /** The user's lists; a user who has none is given `first`, once however many ask at a time. */
  async listOrCreate(
    userId: string,
    first: WatchlistContent,
    now: number,
  ): Promise<Watchlist[]> {
    const lists = await this.list(userId);
    if (lists.length > 0) return lists;
    await this.database.db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      const existing = await trx
        .selectFrom("watchlists")
        .select("id")
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (!existing)
        await trx
          .insertInto("watchlists")
          .values(this.row(userId, first, now))
          .execute();
    });
    return this.list(userId);
  }

  /** A new list, unless the user has MAX_WATCHLISTS already (409 WATCHLIST_LIMIT). */
  create(
    userId: string,
    content: WatchlistContent,
    now: number,
  ): Promise<Watchlist> {
    return this.database.db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      const { n } = await trx
        .selectFrom("watchlists")
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_WATCHLISTS)
        throw new HttpError(
          409,
          "WATCHLIST_LIMIT",
          `at most ${MAX_WATCHLISTS} watchlists; delete one first`,
        );
      const row = await trx
        .insertInto("watchlists")
        .values(this.row(userId, content, now))
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return fromRow(row);
    });
  }

  async replace(
    userId: string,
    id: string,
    content: WatchlistContent,
    now: number,
  ): Promise<Watchlist> {
    const row = await this.database.db
      .updateTable("watchlists")
      .set({
        name: content.name,
        symbols: JSON.stringify(content.symbols),
        updated_at: now,
      })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw notFound(id);
    return fromRow(row);
  }

  /** Delete a list; the user's last one stays (409 WATCHLIST_LIMIT). */
  async remove(userId: string, id: string): Promise<void> {
    await this.database.db.transaction().execute(async (trx) => {
      await lockUser(trx, userId);
      const ids = await trx
        .selectFrom("watchlists")
        .select("id")
        .where("user_id", "=", userId)
        .execute();
      if (!ids.some((r) => r.id === id)) throw notFound(id);
      if (ids.length <= 1)
        throw new HttpError(
          409,
          "WATCHLIST_LIMIT",
          "the last watchlist cannot be deleted",
        );
      await trx
        .deleteFrom("watchlists")
        .where("id", "=", id)
        .where("user_id", "=", userId)
        .execute();
    });
  }

  private row(userId: string, content: WatchlistContent, now: number) {
    return {
      id: newId(),
      user_id: userId,
      name: content.name,
      symbols: JSON.stringify(content.symbols),
      created_at: now,
      updated_at: now,
    };
  }
}
