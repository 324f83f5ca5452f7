import { defineStore } from "pinia";
import { ref } from "vue";
import type { Execution } from "../model/execution";

/** How many fills the blotter keeps; older ones stay available over REST. */
export const MAX_EXECUTIONS = 500;

/** The account's fills, newest first, each once (a replay after a reconnect may repeat some). */
export const useExecutionsStore = defineStore("executions", () => {
  const list = ref<Execution[]>([]);

  function merge(incoming: readonly Execution[]): void {
    const seen = new Set(list.value.map((x) => x.id));
    const fresh = incoming.filter((x) => !seen.has(x.id));
    if (fresh.length === 0) return;
    list.value = [...fresh, ...list.value]
      .sort((a, b) => b.sequence - a.sequence)
      .slice(0, MAX_EXECUTIONS);
  }

  function add(execution: Execution): void {
    merge([execution]);
  }

  function reset(): void {
    list.value = [];
  }

  return { list, merge, add, reset };
});
