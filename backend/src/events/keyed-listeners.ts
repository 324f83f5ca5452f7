/**
 * Listeners grouped by a key (an account): what changed for one account reaches only that
 * account's topics. The broker's events and the alerts' changes both fan out through it.
 */
export class KeyedListeners<Event> {
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  /** Returns the function that removes the listener. */
  on(key: string, listener: (event: Event) => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  has(key: string): boolean {
    return this.listeners.has(key);
  }

  emit(key: string, event: Event): void {
    for (const listener of this.listeners.get(key) ?? []) listener(event);
  }
}
