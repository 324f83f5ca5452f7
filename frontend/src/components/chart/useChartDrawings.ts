import { onBeforeUnmount, shallowRef, watch, type Ref } from "vue";
import { useTerminal } from "../../services/injection";
import {
  addDrawing,
  makeDrawing,
  MAX_DRAWINGS,
  parseDrawings,
  removeDrawing,
  type Drawing,
  type DrawingKind,
  type DrawingPoint,
} from "./drawings";

const messageOf = (failure: unknown) =>
  failure instanceof Error ? failure.message : String(failure);

/** Keys typed into a field are the field's, not the chart's. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))
  );
}

/**
 * The chart's drawings for the symbol shown: loaded from the server on each symbol, saved whole
 * after each change (in order), and the tools that make them (Esc cancels; Delete removes the
 * selected one).
 */
export function useChartDrawings(symbol: Ref<string>) {
  const { workspace } = useTerminal();
  const list = shallowRef<Drawing[]>([]);
  const tool = shallowRef<DrawingKind | null>(null);
  const pending = shallowRef<DrawingPoint | null>(null);
  const selected = shallowRef<string | null>(null);
  const error = shallowRef("");
  /** Saves not yet answered: 0 when the server has what is shown. */
  const saving = shallowRef(0);
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(name: string): Promise<void> {
    const current = ++generation;
    list.value = [];
    selected.value = pending.value = tool.value = null;
    error.value = "";
    try {
      const got = await workspace.drawings(name);
      if (current === generation) list.value = parseDrawings(got);
    } catch (failure) {
      if (current === generation) error.value = messageOf(failure);
    }
  }

  function save(next: Drawing[]): void {
    const name = symbol.value;
    list.value = next;
    saving.value += 1;
    queue = queue
      .then(() => workspace.replaceDrawings(name, next))
      .then(
        () => (error.value = ""),
        (failure) => (error.value = messageOf(failure)),
      )
      .finally(() => (saving.value -= 1));
  }

  function choose(kind: DrawingKind): void {
    tool.value = tool.value === kind ? null : kind;
    pending.value = selected.value = null;
  }

  function cancel(): void {
    tool.value = pending.value = null;
  }

  /** A click with the tool: a horizontal at once, a trend on its second point. */
  function point(at: DrawingPoint): void {
    const kind = tool.value;
    if (!kind) return;
    if (kind === "trend" && !pending.value) {
      pending.value = at;
      return;
    }
    const made = makeDrawing(kind, pending.value ? [pending.value, at] : [at]);
    cancel();
    if (!made) return;
    const next = addDrawing(list.value, made);
    if (!next) {
      error.value = `At most ${MAX_DRAWINGS} drawings per symbol`;
      return;
    }
    selected.value = made.id;
    save(next);
  }

  function select(id: string | null): void {
    selected.value = id;
  }

  function removeSelected(): void {
    const id = selected.value;
    if (!id) return;
    selected.value = null;
    save(removeDrawing(list.value, id));
  }

  function clear(): void {
    cancel();
    selected.value = null;
    if (list.value.length > 0) save([]);
  }

  function onKey(e: KeyboardEvent): void {
    if (typing(e.target)) return;
    if (e.key === "Escape" && (tool.value || selected.value)) {
      cancel();
      selected.value = null;
    } else if (
      (e.key === "Delete" || e.key === "Backspace") &&
      selected.value
    ) {
      e.preventDefault();
      removeSelected();
    }
  }

  watch(symbol, (name) => void load(name), { immediate: true });
  window.addEventListener("keydown", onKey);
  onBeforeUnmount(() => {
    generation += 1;
    window.removeEventListener("keydown", onKey);
  });

  return {
    list,
    tool,
    pending,
    selected,
    error,
    saving,
    choose,
    cancel,
    point,
    select,
    removeSelected,
    clear,
  };
}
