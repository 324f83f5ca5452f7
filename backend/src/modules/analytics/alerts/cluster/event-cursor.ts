import type { AlertEvent } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { AlertStore } from "../store/alert-store";

/** Events read from the store per page of a catch-up. */
const CATCH_UP_PAGE = 500;

/**
 * Where one `alert-events` topic is in its account's events when several instances run. Events
 * come over the bus, which may lose some (a cut-off connection): the topic passes on each next
 * sequence, and on a gap, or when the bus is back, reads what it missed from the store (every
 * event is stored before it is published), so its subscribers get every event once, in order.
 */
export class EventCursor {
  /** The last sequence passed on; null until read from the store. */
  private last: number | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly store: AlertStore,
    private readonly accountId: string,
    private readonly deliver: (event: AlertEvent) => void,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Start after the account's last stored event (what came before is the `since` replay's). */
  async start(): Promise<void> {
    this.last = await this.store.lastSequence(this.accountId);
    if (this.again) this.catchUp();
  }

  offer(event: AlertEvent): void {
    if (this.last === null) {
      this.again = true;
    } else if (event.sequence <= this.last) {
      return;
    } else if (!this.reading && event.sequence === this.last + 1) {
      this.last = event.sequence;
      this.deliver(event);
    } else this.catchUp();
  }

  /** Read from the store what came after the last event passed on. */
  catchUp(): void {
    if (this.last === null || this.reading) {
      this.again = true;
      return;
    }
    this.again = false;
    this.reading = this.read()
      .catch((err: unknown) =>
        this.log.error(
          { err, accountId: this.accountId, after: this.last },
          "missed alert events could not be read",
        ),
      )
      .finally(() => {
        this.reading = null;
        // Events heard while reading may be newer than what the read saw: read once more.
        if (this.again && !this.closed) this.catchUp();
      });
  }

  close(): void {
    this.closed = true;
  }

  private async read(): Promise<void> {
    let page: AlertEvent[];
    do {
      page = await this.store.eventsSince(
        this.accountId,
        this.last ?? 0,
        CATCH_UP_PAGE,
      );
      if (this.closed) return;
      for (const event of page)
        if (event.sequence > (this.last ?? 0)) {
          this.last = event.sequence;
          this.deliver(event);
        }
    } while (page.length === CATCH_UP_PAGE);
  }
}
