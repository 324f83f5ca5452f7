import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../bus/bus";
import { KeyedListeners } from "../events/keyed-listeners";

/** What travels on an account's channel: a change and the instance that made it. */
interface Relayed {
  readonly from: string;
  readonly change: unknown;
}

/** One account's bus subscription, held while this instance has listeners of the account. */
interface AccountSubscription {
  readonly ready: Promise<(() => Promise<void>) | null>;
  /** The bus refused it: `retry` subscribes again once the bus is back. */
  failed: boolean;
}

/** What an `AccountRelay` is told about the changes it carries. */
export interface AccountRelayOptions<Change> {
  /** The account's bus channel (cluster/channels.ts). */
  readonly channelOf: (accountId: string) => string;
  /** The change a bus message carries, or null when it is not one (logged and dropped). */
  readonly parse: (change: unknown) => Change | null;
  /** What a change is, for log lines ("history job change"). */
  readonly what: string;
}

/**
 * Per-account fan-out when several instances run: a change reaches this instance's listeners at
 * once and every other instance's over the bus. An instance subscribes to an account's channel
 * only while its own listeners follow that account (refcounted by `KeyedListeners`), and ignores
 * what it published itself, so nothing is delivered twice. While the bus is cut off, changes are
 * lost; the listeners resynchronise from the database when it is back.
 */
export class AccountRelay<Change> {
  private readonly local = new KeyedListeners<Change>();
  private readonly subscriptions = new Map<string, AccountSubscription>();

  constructor(
    private readonly bus: Bus,
    private readonly instanceId: string,
    private readonly log: FastifyBaseLogger,
    private readonly options: AccountRelayOptions<Change>,
  ) {}

  on(accountId: string, listener: (change: Change) => void): () => void {
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

  emit(accountId: string, change: Change): void {
    this.local.emit(accountId, change);
    const message: Relayed = { from: this.instanceId, change };
    this.bus
      .publish(this.options.channelOf(accountId), message)
      .catch((err: unknown) =>
        this.log.error(
          { err, accountId },
          `${this.options.what} could not be published`,
        ),
      );
  }

  /** Subscribe again to the accounts whose subscription the bus refused (it is back now). */
  retry(): void {
    for (const [accountId, subscription] of [...this.subscriptions])
      if (subscription.failed) this.subscribe(accountId);
  }

  private subscribe(accountId: string): void {
    const channel = this.options.channelOf(accountId);
    const ready = this.bus
      .subscribe(channel, (message) => {
        // A handler of an ended subscription may still hear one message: the new one delivers it.
        if (this.subscriptions.get(accountId) !== subscription) return;
        const { from, change } = (message ?? {}) as Partial<Relayed>;
        const parsed =
          typeof from === "string" ? this.options.parse(change) : null;
        if (parsed === null) {
          this.log.warn(
            { channel },
            `malformed ${this.options.what} on the bus`,
          );
          return;
        }
        if (from !== this.instanceId) this.local.emit(accountId, parsed);
      })
      .catch((err: unknown) => {
        this.log.error(
          { err, channel },
          `${this.options.what} subscription failed`,
        );
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
        this.log.warn(
          { err, accountId },
          `${this.options.what} unsubscribe failed`,
        ),
      );
  }
}
