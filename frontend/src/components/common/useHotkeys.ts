import { onBeforeUnmount, onMounted } from "vue";

export interface HotkeyOptions {
  /** Also fire while the user types in an input (Escape usually should). */
  readonly inInputs?: boolean;
}

/** True when the key press would type into a text field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === "INPUT" ||
    tag === "TEXTAREA" ||
    tag === "SELECT" ||
    target.isContentEditable
  );
}

/**
 * A document-wide shortcut for a component's lifetime. `key` is a KeyboardEvent.key such as
 * "/" or "b"; modifier chords are left alone so browser shortcuts keep working.
 */
export function useHotkey(
  key: string,
  handler: (event: KeyboardEvent) => void,
  options: HotkeyOptions = {},
): void {
  const listener = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.toLowerCase() !== key.toLowerCase()) return;
    if (!options.inInputs && isTyping(event.target)) return;
    handler(event);
  };
  onMounted(() => document.addEventListener("keydown", listener));
  onBeforeUnmount(() => document.removeEventListener("keydown", listener));
}
