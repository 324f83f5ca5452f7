import { nextTick } from "vue";

/** What the watchlist's keys change. */
interface Reorder {
  move(symbol: string, delta: number): Promise<void>;
}

/**
 * Keys on the watchlist's rows: arrows move between rows, as in any trading blotter; Alt+arrows
 * move the focused row's symbol up or down the list (focus follows it).
 */
export function useRowKeys(list: Reorder): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const row = (event.target as HTMLElement).closest("tr");
    if (!row) return;
    const down = event.key === "ArrowDown";
    if (event.altKey) {
      const symbol = row.dataset.testid?.replace("watchlist-row-", "");
      if (!symbol) return;
      event.preventDefault();
      void list.move(symbol, down ? 1 : -1);
      // Moving a focused element in the DOM drops its focus: give it back once redrawn.
      void nextTick(() => row.focus());
      return;
    }
    const next = down ? row.nextElementSibling : row.previousElementSibling;
    if (next instanceof HTMLElement) {
      event.preventDefault();
      next.focus();
    }
  };
}
