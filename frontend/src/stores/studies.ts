import { defineStore } from "pinia";
import { ref } from "vue";
import type { IndicatorKind, IndicatorParams, Study } from "../model/indicator";
import {
  cleanParams,
  defaultParams,
  INDICATORS,
} from "../model/indicatorCatalog";
import { loadJson, saveJson } from "./persist";

/** Indicators one chart shows at most: each is a server topic and a set of series. */
export const MAX_STUDIES = 8;

const key = (user: string) => `studies.${user}`;
const KINDS = new Set<string>(INDICATORS.map((s) => s.kind));

/** Whatever storage held, as valid studies: unknown kinds dropped, parameters within bounds. */
function sanitize(saved: unknown): Study[] {
  if (!Array.isArray(saved)) return [];
  const studies: Study[] = [];
  const ids = new Set<string>();
  for (const entry of saved as Partial<Study>[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const { id, kind, params } = entry;
    if (typeof id !== "string" || ids.has(id) || !KINDS.has(String(kind)))
      continue;
    ids.add(id);
    const k = kind as IndicatorKind;
    studies.push({ id, kind: k, params: cleanParams(k, params ?? {}) });
  }
  return studies.slice(0, MAX_STUDIES);
}

/** The indicators on the chart, kept per user across reloads. */
export const useStudiesStore = defineStore("studies", () => {
  const owner = ref<string | null>(null);
  const list = ref<Study[]>([]);
  let counter = 0;

  function save(): void {
    if (owner.value !== null) saveJson(key(owner.value), list.value);
  }

  /** The signed-in user's indicators (none for a new user). */
  function load(user: string): void {
    owner.value = user;
    list.value = sanitize(loadJson<unknown>(key(user)));
  }

  /** Adds `kind` with its default parameters; null when the chart is full. */
  function add(kind: IndicatorKind): Study | null {
    if (list.value.length >= MAX_STUDIES) return null;
    counter += 1;
    const study: Study = {
      id: `${kind}-${Date.now().toString(36)}-${counter}`,
      kind,
      params: defaultParams(kind),
    };
    list.value = [...list.value, study];
    save();
    return study;
  }

  function remove(id: string): void {
    list.value = list.value.filter((s) => s.id !== id);
    save();
  }

  /** New parameters for a study (cleaned to what its kind accepts); a new topic follows. */
  function setParams(id: string, params: IndicatorParams): void {
    list.value = list.value.map((s) =>
      s.id === id ? { ...s, params: cleanParams(s.kind, params) } : s,
    );
    save();
  }

  return { owner, list, load, add, remove, setParams };
});
