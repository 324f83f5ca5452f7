import type {
  Drawing_Api_Backend,
  UserSettings_Api_Backend,
  Watchlist_Api_Backend,
} from "../../clients/api-types-generated";
import { toSettings } from "../../model/settings";
import { DEFAULT_WATCHLIST } from "../../stores/market";
import type { WorkspaceApi } from "../../transport/rest/workspaceApi";
import { SimulatedError } from "../simulatedError";
import { simulate } from "./simulate";
import { checkBody, checkParam } from "./schemaCheck";
import {
  checkDrawings,
  listedSymbol,
  newWatchlistId,
  watchlistContent,
} from "./workspaceRules";

type Store = Pick<Storage, "getItem" | "setItem">;

/** The spec's caps (openapi `createWatchlist`, `deleteWatchlist`). */
const MAX_WATCHLISTS = 20;

/** The `{id}` of `/watchlists/{id}`, as openapi.yaml declares it. */
const ID_PARAM = { type: "string", maxLength: 64 } as const;

const notFound = (id: string) =>
  new SimulatedError("NOT_FOUND", `no watchlist ${id}`, 404);

/**
 * The workspace kept in the browser's storage per simulated user, with the server's shapes and
 * refusals (checked in the server's order: the body, its symbols, then the stored lists);
 * `user()` names the signed-in user (the simulated session).
 */
export function simulatedWorkspaceApi(
  storage: Store,
  user: () => string,
  now: () => number,
): WorkspaceApi {
  const key = (what: string) => `tradewire.simulated.${what}.${user()}`;
  const read = <T>(what: string, fallback: T): T => {
    const raw = storage.getItem(key(what));
    return raw === null ? fallback : (JSON.parse(raw) as T);
  };
  const write = (what: string, value: unknown) =>
    storage.setItem(key(what), JSON.stringify(value));
  const lists = (): Watchlist_Api_Backend[] => {
    const stored = read<Watchlist_Api_Backend[] | null>("watchlists", null);
    if (stored) return stored;
    const t = now();
    const main = [
      {
        id: newWatchlistId(),
        name: "Main",
        symbols: [...DEFAULT_WATCHLIST],
        createdAt: t,
        updatedAt: t,
      },
    ];
    write("watchlists", main);
    return main;
  };
  return {
    settings: () => simulate(() => toSettings(read("settings", {}))),
    replaceSettings: (settings: UserSettings_Api_Backend) =>
      simulate(() => {
        checkBody("UserSettings", settings);
        write("settings", settings);
        return toSettings(settings);
      }),
    watchlists: () => simulate(lists),
    createWatchlist: (input) =>
      simulate(() => {
        const content = watchlistContent(input);
        const all = lists();
        if (all.length >= MAX_WATCHLISTS)
          throw new SimulatedError(
            "WATCHLIST_LIMIT",
            `at most ${MAX_WATCHLISTS} watchlists; delete one first`,
            409,
          );
        const t = now();
        const created = {
          id: newWatchlistId(),
          ...content,
          createdAt: t,
          updatedAt: t,
        };
        write("watchlists", [...all, created]);
        return created;
      }),
    replaceWatchlist: (id, input) =>
      simulate(() => {
        checkParam("id", id, ID_PARAM);
        const content = watchlistContent(input);
        const all = lists();
        const found = all.find((l) => l.id === id);
        if (!found) throw notFound(id);
        const next = { ...found, ...content, updatedAt: now() };
        write(
          "watchlists",
          all.map((l) => (l.id === id ? next : l)),
        );
        return next;
      }),
    deleteWatchlist: (id) =>
      simulate(() => {
        checkParam("id", id, ID_PARAM);
        const all = lists();
        if (!all.some((l) => l.id === id)) throw notFound(id);
        if (all.length === 1)
          throw new SimulatedError(
            "WATCHLIST_LIMIT",
            "the last watchlist cannot be deleted",
            409,
          );
        write(
          "watchlists",
          all.filter((l) => l.id !== id),
        );
      }),
    drawings: (symbol) =>
      simulate(() =>
        read<Drawing_Api_Backend[]>(
          `drawings.${listedSymbol(symbol, "symbol")}`,
          [],
        ),
      ),
    replaceDrawings: (symbol, drawings) =>
      simulate(() => {
        const ticker = listedSymbol(symbol, "symbol");
        const checked = checkDrawings(drawings);
        write(`drawings.${ticker}`, checked);
        return [...checked];
      }),
  };
}
