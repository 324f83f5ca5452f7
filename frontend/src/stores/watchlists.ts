import { defineStore } from "pinia";
import { computed, ref, shallowRef, watch } from "vue";
import type { Watchlist_Api_Backend } from "../clients/api-types-generated";
import type { WorkspaceApi } from "../transport/rest/workspaceApi";
import { DEFAULT_WATCHLIST, useMarketStore } from "./market";
import { useSettingsStore } from "./settings";

type Watchlist = Watchlist_Api_Backend;

/** The spec's caps (`WatchlistInput`, `createWatchlist`). */
export const MAX_WATCHLIST_SYMBOLS = 200;
export const MAX_WATCHLISTS = 20;

/**
 * The user's named watchlists, kept on the server. Every edit shows at once and is sent at once
 * as the whole ordered list (in order, one at a time); a refusal is shown and the lists are read
 * back, so the screen never keeps what the server does not have. The list shown is
 * `settings.activeWatchlist` (the first one when absent or gone); its symbols are mirrored into
 * the market store, whose quotes subscription follows them.
 */
export const useWatchlistsStore = defineStore("watchlists", () => {
  const settings = useSettingsStore();
  const market = useMarketStore();
  const lists = shallowRef<readonly Watchlist[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let api: WorkspaceApi | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const active = computed<Watchlist | undefined>(
    () =>
      lists.value.find((l) => l.id === settings.settings.activeWatchlist) ??
      lists.value[0],
  );
  const symbols = computed(() => active.value?.symbols ?? []);
  watch(symbols, (next) => (market.watchlist = [...next]), { immediate: true });

  async function load(workspace: WorkspaceApi): Promise<void> {
    api = workspace;
    try {
      lists.value = await workspace.watchlists();
      loaded.value = true;
      error.value = null;
    } catch (failure) {
      error.value = messageOf(failure);
      // Unreadable lists still leave the trader some quotes: the default list, on screen only.
      if (lists.value.length === 0) lists.value = [offlineList()];
    }
  }

  /** Runs server calls one after another, so edits arrive in the order they were made. */
  function send(call: (target: WorkspaceApi) => Promise<void>): Promise<void> {
    const target = api;
    if (!target) return Promise.resolve();
    const sent = queue.then(async () => {
      try {
        await call(target);
        error.value = null;
      } catch (failure) {
        error.value = messageOf(failure);
        lists.value = await target.watchlists().catch(() => lists.value);
      }
    });
    queue = sent;
    return sent;
  }

  function put(next: Watchlist): void {
    lists.value = lists.value.map((l) => (l.id === next.id ? next : l));
  }

  /** Sets the shown list's name and symbols here and on the server. */
  function replaceActive(change: { name?: string; symbols?: string[] }) {
    const list = active.value;
    if (!list) return Promise.resolve();
    const next = { ...list, ...change };
    put(next);
    return send(async (target) => {
      const answer = await target.replaceWatchlist(list.id, {
        name: next.name,
        symbols: [...next.symbols],
      });
      // A newer edit of the same list may be on its way: keep what the screen shows.
      if (active.value?.id === answer.id && sameList(active.value, answer))
        put(answer);
    });
  }

  function add(symbol: string): Promise<void> {
    const name = symbol.trim().toUpperCase();
    if (name === "" || symbols.value.includes(name)) return Promise.resolve();
    if (symbols.value.length >= MAX_WATCHLIST_SYMBOLS) {
      error.value = `A watchlist holds at most ${MAX_WATCHLIST_SYMBOLS} symbols.`;
      return Promise.resolve();
    }
    return replaceActive({ symbols: [...symbols.value, name] });
  }

  function removeSymbol(symbol: string): Promise<void> {
    return replaceActive({
      symbols: symbols.value.filter((s) => s !== symbol),
    });
  }

  /** Moves a symbol to another place in the shown list (drag and drop, Alt+arrows). */
  function moveTo(symbol: string, index: number): Promise<void> {
    const rest = symbols.value.filter((s) => s !== symbol);
    const from = symbols.value.indexOf(symbol);
    const to = Math.max(0, Math.min(rest.length, index));
    if (from < 0 || from === to) return Promise.resolve();
    return replaceActive({
      symbols: [...rest.slice(0, to), symbol, ...rest.slice(to)],
    });
  }

  function move(symbol: string, delta: number): Promise<void> {
    return moveTo(symbol, symbols.value.indexOf(symbol) + delta);
  }

  function rename(name: string): Promise<void> {
    return replaceActive({ name: name.trim() });
  }

  function select(id: string): Promise<void> {
    return settings.update({ activeWatchlist: id });
  }

  /** A new empty list, shown once the server made it. */
  function create(name: string): Promise<void> {
    return send(async (target) => {
      const made = await target.createWatchlist({
        name: name.trim(),
        symbols: [],
      });
      lists.value = [...lists.value, made];
      await select(made.id);
    });
  }

  /** Deletes the shown list; the last one stays (the server refuses it too). */
  function removeActive(): Promise<void> {
    const list = active.value;
    if (!list) return Promise.resolve();
    if (lists.value.length <= 1) {
      error.value = "The last watchlist cannot be deleted.";
      return Promise.resolve();
    }
    return send(async (target) => {
      await target.deleteWatchlist(list.id);
      lists.value = lists.value.filter((l) => l.id !== list.id);
      const first = lists.value[0];
      if (first) await select(first.id);
    });
  }

  function reset(): void {
    lists.value = [];
    loaded.value = false;
    error.value = null;
    api = null;
  }

  return {
    lists,
    active,
    symbols,
    loaded,
    error,
    load,
    add,
    removeSymbol,
    move,
    moveTo,
    rename,
    select,
    create,
    removeActive,
    reset,
  };
});

function offlineList(): Watchlist {
  return {
    id: "",
    name: "Main",
    symbols: [...DEFAULT_WATCHLIST],
    createdAt: 0,
    updatedAt: 0,
  };
}

function sameList(a: Watchlist, b: Watchlist): boolean {
  return a.name === b.name && a.symbols.join() === b.symbols.join();
}

function messageOf(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
