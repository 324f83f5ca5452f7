/** Listeners of one stream; `add` sends the snapshot first, as a state channel does. */
export class Fanout<T> {
  private readonly listeners = new Set<(value: T) => void>();

  get size(): number {
    return this.listeners.size;
  }

  add(listener: (value: T) => void, snapshot: readonly T[] = []): () => void {
    for (const value of snapshot) listener(value);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
