import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { memoryStorage } from "../../test/support/simulation";
import { simulatedWorkspaceApi } from "../simulation/rest/simulatedWorkspaceApi";
import type { WorkspaceApi } from "../transport/rest/workspaceApi";
import { DEFAULT_WATCHLIST, useMarketStore } from "./market";
import { useSettingsStore } from "./settings";
import { useWatchlistsStore } from "./watchlists";

describe("watchlists store", () => {
  let api: WorkspaceApi;
  beforeEach(async () => {
    setActivePinia(createPinia());
    api = simulatedWorkspaceApi(
      memoryStorage(),
      () => "alice",
      () => 1_000,
    );
    await useSettingsStore().load(api);
  });

  /** What a reload (or another device) finds. */
  async function reloaded() {
    setActivePinia(createPinia());
    await useSettingsStore().load(api);
    const store = useWatchlistsStore();
    await store.load(api);
    return store;
  }

  it("shows the server's first list and mirrors its symbols into the quotes' list", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    expect(store.lists.map((l) => l.name)).toEqual(["Main"]);
    expect(useMarketStore().watchlist).toEqual(DEFAULT_WATCHLIST);
  });

  it("adds, removes and reorders symbols, each edit saved as the whole ordered list", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    await store.add(" solusd ");
    await store.add("SOLUSD");
    await store.removeSymbol("AAPL");
    await store.move("BTCUSD", -1);
    await store.moveTo("ETHUSD", 0);
    const expected = [
      "ETHUSD",
      "MSFT",
      "NVDA",
      "TSLA",
      "EURUSD",
      "BTCUSD",
      "USDJPY",
      "SOLUSD",
    ];
    expect(store.symbols).toEqual(expected);
    expect(useMarketStore().watchlist).toEqual(expected);
    expect((await api.watchlists())[0]?.symbols).toEqual(expected);
    expect((await reloaded()).symbols).toEqual(expected);
  });

  it("does not move a symbol past either end", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    await store.move("AAPL", -1);
    await store.move("ETHUSD", 1);
    expect(store.symbols).toEqual(DEFAULT_WATCHLIST);
  });

  it("creates, renames and selects lists, remembering the shown one in the settings", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    await store.create("  Crypto ");
    expect(store.active?.name).toBe("Crypto");
    expect(store.symbols).toEqual([]);
    await store.add("BTCUSD");
    await store.rename("Coins");
    expect(useSettingsStore().settings.activeWatchlist).toBe(store.active?.id);

    const again = await reloaded();
    expect(again.lists.map((l) => [l.name, l.symbols])).toEqual([
      ["Main", DEFAULT_WATCHLIST],
      ["Coins", ["BTCUSD"]],
    ]);
    expect(again.active?.name).toBe("Coins");
    expect(useMarketStore().watchlist).toEqual(["BTCUSD"]);

    await again.select(again.lists[0]!.id);
    expect((await reloaded()).active?.name).toBe("Main");
  });

  it("deletes the shown list and shows the first, but refuses to delete the last one", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    await store.create("Swing");
    await store.removeActive();
    expect(store.lists.map((l) => l.name)).toEqual(["Main"]);
    expect(store.active?.name).toBe("Main");
    expect(store.error).toBeNull();

    await store.removeActive();
    expect(store.error).toBe("The last watchlist cannot be deleted.");
    expect((await api.watchlists()).map((l) => l.name)).toEqual(["Main"]);
  });

  it("shows the server's refusal and reads the lists back", async () => {
    const store = useWatchlistsStore();
    await store.load(api);
    await api.deleteWatchlist(
      (await api.createWatchlist({ name: "Other", symbols: [] })).id,
    );
    // Another device deleted the shown list: the edit is refused and the screen catches up.
    const gone = await api.createWatchlist({ name: "Gone", symbols: ["AAPL"] });
    await store.load(api);
    await store.select(gone.id);
    await api.deleteWatchlist(gone.id);
    await store.add("MSFT");
    expect(store.error).toBe(`no watchlist ${gone.id}`);
    expect(store.lists.map((l) => l.name)).toEqual(["Main"]);
    expect(store.active?.name).toBe("Main");
  });
});

describe("watchlists store without a server", () => {
  it("shows the default list and why the lists could not be read", async () => {
    setActivePinia(createPinia());
    const api = simulatedWorkspaceApi(
      memoryStorage(),
      () => "alice",
      () => 0,
    );
    const failing: WorkspaceApi = {
      ...api,
      watchlists: () => Promise.reject(new Error("NOT_FOUND: no route")),
    };
    const store = useWatchlistsStore();
    await store.load(failing);
    expect(store.error).toBe("NOT_FOUND: no route");
    expect(useMarketStore().watchlist).toEqual(DEFAULT_WATCHLIST);
  });
});
