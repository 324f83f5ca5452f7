/** Runs one account's writes one at a time, in order; accounts run independently. */
export class AccountQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(accountId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(accountId, tail);
    void tail.then(() => {
      if (this.tails.get(accountId) === tail) this.tails.delete(accountId);
    });
    return result;
  }

  /** Every queued write finished (for shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
