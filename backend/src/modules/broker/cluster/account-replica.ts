import { OrderStatus } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../bus/bus";
import {
  BROKER_ORDERS_CHANNEL,
  brokerAccountChannel,
} from "../../../cluster/channels";
import type { ClusterRole } from "../../../cluster/role";
import type { BookChange } from "../store/broker-store";

/**
 * What an instance publishes after a commit. On `brokerAccountChannel(id)` it carries the change,
 * so an instance whose book is at `version - 1` applies it as is; on `BROKER_ORDERS_CHANNEL` only
 * the account and version, for the leader to load an account it does not hold yet.
 */
export interface BrokerChangeMessage {
  readonly accountId: string;
  readonly version: number;
  /** The instance that committed it (it ignores its own message). */
  readonly origin: string;
  readonly change?: BookChange;
  /** The REST request the change acted for, for the log lines of its replay. */
  readonly requestId?: string;
}

/** What the replica asks of the engine when another instance's message or the bus comes in. */
export interface ReplicaTarget {
  /** Bring the held book of the account to the message's version and tell its subscribers. */
  applyRemote(message: BrokerChangeMessage): Promise<void>;
  /** The leader: load an account that gained working orders elsewhere, to match them. */
  adopt(accountId: string): Promise<void>;
  /** Reload every held book from the database and tell subscribers what changed. */
  resyncAll(): Promise<void>;
}

const OPEN: ReadonlySet<number> = new Set([
  OrderStatus.Working,
  OrderStatus.Inactive,
]);

/**
 * The broker's side of the bus when several instances share the database: publishes each
 * committed change, listens on the channel of every account whose book this instance holds, and
 * (on the leader) on the orders channel. Only built when the role is clustered.
 */
export class AccountReplica {
  private readonly held = new Map<string, Promise<() => Promise<void>>>();
  private orders: Promise<() => Promise<void>> | null = null;
  private target: ReplicaTarget | null = null;
  private offConnection: (() => void) | null = null;

  constructor(
    private readonly bus: Bus,
    private readonly role: ClusterRole,
    private readonly log: FastifyBaseLogger,
  ) {}

  connect(target: ReplicaTarget): void {
    this.target = target;
    // Whatever was published while the bus was cut off is lost: the database has it.
    this.offConnection = this.bus.onConnectionChange((connected) => {
      if (connected)
        this.run("resync after the bus came back failed", (t) => t.resyncAll());
    });
  }

  publish(
    accountId: string,
    version: number,
    change: BookChange,
    requestId?: string,
  ): void {
    const origin = this.role.instanceId;
    const message: BrokerChangeMessage = {
      accountId,
      version,
      origin,
      change,
      ...(requestId !== undefined ? { requestId } : {}),
    };
    this.send(brokerAccountChannel(accountId), message);
    if (change.orders.some((o) => OPEN.has(o.order.status)))
      this.send(BROKER_ORDERS_CHANNEL, { accountId, version, origin });
  }

  /** Listen to the account's changes for as long as this instance holds its book. */
  async hold(accountId: string): Promise<void> {
    let subscribed = this.held.get(accountId);
    if (!subscribed) {
      subscribed = this.bus.subscribe(brokerAccountChannel(accountId), (m) =>
        this.receive(m, (t, message) => t.applyRemote(message)),
      );
      this.held.set(accountId, subscribed);
      subscribed.catch(() => this.held.delete(accountId));
    }
    await subscribed;
  }

  async release(accountId: string): Promise<void> {
    const subscribed = this.held.get(accountId);
    this.held.delete(accountId);
    if (subscribed) await (await subscribed)();
  }

  /** The leader hears about working orders placed on any instance. */
  async watchOrders(): Promise<void> {
    this.orders ??= this.bus.subscribe(BROKER_ORDERS_CHANNEL, (m) =>
      this.receive(m, (t, message) => t.adopt(message.accountId)),
    );
    await this.orders;
  }

  async unwatchOrders(): Promise<void> {
    const subscribed = this.orders;
    this.orders = null;
    if (subscribed) await (await subscribed)();
  }

  async stop(): Promise<void> {
    this.offConnection?.();
    await this.unwatchOrders().catch(() => undefined);
    for (const accountId of [...this.held.keys()])
      await this.release(accountId).catch(() => undefined);
  }

  private receive(
    raw: unknown,
    handle: (t: ReplicaTarget, m: BrokerChangeMessage) => Promise<void>,
  ): void {
    if (!isChangeMessage(raw)) {
      this.log.warn({ message: raw }, "ignored a malformed broker message");
      return;
    }
    if (raw.origin === this.role.instanceId) return;
    this.run("replicating a broker change failed", (t) => handle(t, raw));
  }

  private run(what: string, work: (t: ReplicaTarget) => Promise<void>): void {
    const target = this.target;
    if (!target) return;
    work(target).catch((err: unknown) => this.log.error({ err }, what));
  }

  private send(channel: string, message: BrokerChangeMessage): void {
    this.bus
      .publish(channel, message)
      .catch((err: unknown) =>
        this.log.error({ err, channel }, "publishing a broker change failed"),
      );
  }
}

function isChangeMessage(m: unknown): m is BrokerChangeMessage {
  if (typeof m !== "object" || m === null) return false;
  const { accountId, version, origin } = m as Record<string, unknown>;
  return (
    typeof accountId === "string" &&
    typeof origin === "string" &&
    Number.isInteger(version)
  );
}
