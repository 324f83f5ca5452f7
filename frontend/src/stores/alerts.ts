import { defineStore } from "pinia";
import { computed, ref } from "vue";
import type { AlertRule, FiredAlert } from "../model/alert";

/** Fired alerts the panel keeps; older ones stay at GET /api/v1/alerts/events. */
export const MAX_FIRED = 200;

/** The account's alert rules (from the `alerts` channel) and fired alerts, each once. */
export const useAlertsStore = defineStore("alerts", () => {
  const rules = ref<Record<string, AlertRule>>({});
  const fired = ref<FiredAlert[]>([]);
  const error = ref<string | null>(null);
  const seen = new Set<number>();
  /** A new alert being written (the chart's form): opened by the chart button or a watchlist bell. */
  const draft = ref<{ symbol: string; level: number | undefined } | null>(null);

  const list = computed(() =>
    Object.values(rules.value).sort((a, b) => b.createdAt - a.createdAt),
  );

  /** A rule's state; `deleted` is sent once when the rule goes, and removes it. */
  function applyRule(rule: AlertRule): void {
    const next = { ...rules.value };
    if (rule.status === "deleted") delete next[rule.id];
    else next[rule.id] = rule;
    rules.value = next;
  }

  /** Adds the firings not seen before; answers them (the ones to announce), oldest first. */
  function addFired(events: readonly FiredAlert[]): FiredAlert[] {
    const fresh = events
      .filter((e) => !seen.has(e.sequence))
      .sort((a, b) => a.sequence - b.sequence);
    if (fresh.length === 0) return [];
    for (const e of fresh) seen.add(e.sequence);
    fired.value = [...fresh.slice().reverse(), ...fired.value]
      .sort((a, b) => b.sequence - a.sequence)
      .slice(0, MAX_FIRED);
    return fresh;
  }

  function failed(message: string): void {
    error.value = message;
  }

  function openDraft(symbol: string, level: number | undefined): void {
    draft.value = { symbol, level };
  }

  function closeDraft(): void {
    draft.value = null;
  }

  function reset(): void {
    rules.value = {};
    fired.value = [];
    error.value = null;
    draft.value = null;
    seen.clear();
  }

  return {
    rules,
    list,
    fired,
    error,
    draft,
    applyRule,
    openDraft,
    closeDraft,
    addFired,
    failed,
    reset,
  };
});
