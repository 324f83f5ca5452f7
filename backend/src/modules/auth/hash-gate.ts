/** The gate is full: too many passwords are being checked or waiting to be. */
export class HashGateFull extends Error {
  constructor() {
    super("too many passwords are being checked at once");
    this.name = "HashGateFull";
  }
}

/**
 * Bounds the password hashes in progress. scrypt runs on libuv's thread pool (4 threads by
 * default), which file access, DNS and compression share: a login flood that filled it would
 * stall everything else. At most `concurrency` hashes run; up to `queue` more wait their turn;
 * past that an attempt is refused at once rather than piling up.
 */
export class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new HashGateFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` never exceeds the bound.
      if (next) next();
      else this.running -= 1;
    }
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
