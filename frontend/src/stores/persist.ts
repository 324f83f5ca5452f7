const PREFIX = "tradewire.";

/** A saved preference, or undefined when absent, unreadable or storage is unavailable. */
export function loadJson<T>(key: string): T | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + key);
    return raw == null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/** Preferences are a convenience: a full or blocked storage must not break the terminal. */
export function saveJson(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // ignored on purpose
  }
}

/** Forgets a saved preference (a key that moved elsewhere). */
export function removeSaved(key: string): void {
  try {
    globalThis.localStorage?.removeItem(PREFIX + key);
  } catch {
    // ignored on purpose
  }
}
