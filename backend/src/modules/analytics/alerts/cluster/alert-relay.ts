import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../../bus/bus";
import { alertsAccountChannel } from "../../../../cluster/channels";
import { KeyedListeners } from "../../../../events/keyed-listeners";
import type { AlertBus, AlertChange } from "../engine/alert-bus";

/** What travels on `alertsAccountChannel(accountId)`: a change and the instance that made it. */
interface RelayedChange {
  readonly from: string;
  readonly change: AlertChange;
}

function relayedOf(message: unknown): RelayedChange | null {
  if (typeof message !== "object" || message === null) return null;
  const { from, change } = message as Partial<RelayedChange>;
  if (typeof from !== "string" || typeof change !== "object" || !change)
    return null;
  return change.kind === "rule" || change.kind === "event"
    ? { from, change }
    : null;
}

/** One account's bus subscription, held while this instance has listeners of the account. */
interface AccountSubscription {
  readonly ready: Promise<(() => Promise<void>) | null>;
  /** The bus refused it: `retry` subscribes again once the bus is back. */
  failed: boolean;
}

/**
 * The alerts' fan-out when several instances run: a change reaches this instance's listeners at
 * once and every other instance's over the bus. An instance subscribes to an account's channel
 * only while its own sockets follow that account, and ignores what it published itself.
 */
export class AlertRelay implements AlertBus {
  private readonly local = new KeyedListeners<AlertChange>();
  private readonly subscriptions = new Map<string, AccountSubscription>();

  constructor(
    private readonly bus: Bus,
    private readonly instanceId: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  on(accountId: string, listener: (change: AlertChange) => void): () => void {
    const off = this.local.on(accountId, listener);
    if (!this.subscriptions.has(accountId)) this.subscribe(accountId);
    return () => {
      off();
      if (!this.local.has(accountId)) this.unsubscribe(accountId);
    };
  }

  /** Resolves once the account's changes made on other instances reach this one's listeners. */
  async ready(accountId: string): Promise<void> {
    await this.subscriptions.get(accountId)?.ready;
  }

  emit(accountId: string, change: AlertChange): void {
    this.local.emit(accountId, change);
    const message: RelayedChange = { from: this.instanceId, change };
    this.bus
      .publish(alertsAccountChannel(accountId), message)
      .catch((err: unknown) =>
        this.log.error(
          { err, accountId, kind: change.kind },
          "an alert change could not be published",
        ),
      );
  }

  /** Subscribe again to the accounts whose subscription the bus refused (it is back now). */
  retry(): void {
    for (const [accountId, subscription] of [...this.subscriptions])
      if (subscription.failed) this.subscribe(accountId);
  }

  private subscribe(accountId: string): void {
    const channel = alertsAccountChannel(accountId);
    const ready = this.bus
      .subscribe(channel, (message) => {
        // A handler of an ended subscription may still hear one message: the new one delivers it.
        if (this.subscriptions.get(accountId) !== subscription) return;
        const relayed = relayedOf(message);
        if (!relayed) {
          this.log.warn({ channel }, "malformed alert change on the bus");
          return;
        }
        if (relayed.from !== this.instanceId)
          this.local.emit(accountId, relayed.change);
      })
      .catch((err: unknown) => {
        // The topics resynchronise from the database when the bus is back (see part.ts).
        this.log.error({ err, channel }, "alert channel subscription failed");
        subscription.failed = true;
        return null;
      });
    const subscription: AccountSubscription = { ready, failed: false };
    this.subscriptions.set(accountId, subscription);
  }

  private unsubscribe(accountId: string): void {
    const subscription = this.subscriptions.get(accountId);
    this.subscriptions.delete(accountId);
    void subscription?.ready
      .then((stop) => stop?.())
      .catch((err: unknown) =>
        this.log.warn({ err, accountId }, "alert channel unsubscribe failed"),
      );
  }
}
