import pg from "pg";
import { Counter, Gauge, type Registry } from "prom-client";
import type { ClusterRole } from "./role";

/**
 * The PostgreSQL advisory lock whose holder leads: the ASCII bytes of "TWLEADER" read as a
 * signed 64-bit integer. Advisory locks are per database, so every instance sharing
 * DATABASE_URL competes for this one key (and deployments sharing a database share a leader).
 */
export const LEADER_LOCK_KEY = 0x54574c4541444552n;

/** What the election logs through (the app's pino logger fits). */
export interface ElectionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface LeaderElectionOptions {
  readonly databaseUrl: string;
  readonly instanceId: string;
  /** LEADER_POLL_MS: how often a follower tries the lock and a leader checks its connection. */
  readonly pollMs: number;
  /** Where `tradewire_cluster_leader` and `tradewire_cluster_leader_changes_total` go. */
  readonly registry: Registry;
  readonly log?: ElectionLog;
  /** Tests give each election group a key of its own; instances use LEADER_LOCK_KEY. */
  readonly lockKey?: bigint;
}

const SILENT: ElectionLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Leadership as a PostgreSQL session advisory lock held on a connection of its own: the lock
 * lives exactly as long as that session, so a crashed or cut-off leader loses it without anyone
 * deciding. A follower tries `pg_try_advisory_lock` every `pollMs`; the leader runs `select 1` as
 * often and steps down the moment its connection errors, ends or does not answer within
 * `2 × pollMs`, then competes again on a fresh connection. The server may already have released
 * the lock (a terminated session) when the leader learns of it: leader-only work must be
 * safe to repeat (the market is a pure function of seed and minute, writes are idempotent).
 */
export class LeaderElection implements ClusterRole {
  readonly clustered = true;
  readonly instanceId: string;
  private readonly listeners = new Set<
    (leader: boolean) => void | Promise<void>
  >();
  private readonly log: ElectionLog;
  private readonly key: string;
  private readonly leaderGauge: Gauge;
  private readonly changes: Counter;
  private client: pg.Client | null = null;
  /** Whether this instance's session holds the lock, as far as it knows. */
  private holding = false;
  /** What the listeners were last told. */
  private announced = false;
  private changing: Promise<void> = Promise.resolve();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(private readonly options: LeaderElectionOptions) {
    this.instanceId = options.instanceId;
    this.log = options.log ?? SILENT;
    this.key = (options.lockKey ?? LEADER_LOCK_KEY).toString();
    const registers = [options.registry];
    this.leaderGauge = new Gauge({
      name: "tradewire_cluster_leader",
      help: "1 while this instance leads the cluster (simulator, matching, alerts), else 0",
      labelNames: ["instance_id"],
      registers,
    });
    this.changes = new Counter({
      name: "tradewire_cluster_leader_changes_total",
      help: "Times this instance gained or lost leadership",
      labelNames: ["instance_id"],
      registers,
    });
    this.leaderGauge.set({ instance_id: this.instanceId }, 0);
    this.changes.inc({ instance_id: this.instanceId }, 0);
  }

  isLeader(): boolean {
    return this.holding && this.announced;
  }

  onChange(listener: (leader: boolean) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Start competing; resolves after the first try (and, if it won, once the listeners ran). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.poll();
    await this.changing;
  }

  /** Step down (listeners told false, awaited), then release the lock so another takes over. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    const client = this.client;
    const held = this.holding;
    this.client = null;
    this.holding = false;
    await this.announce(false);
    if (!client) return;
    if (held)
      await client
        .query("select pg_advisory_unlock($1::bigint)", [this.key])
        .catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  /** One try (follower) or one heartbeat (leader); never two at once. */
  private poll(): Promise<void> {
    this.polling ??= (async () => {
      let client: pg.Client | null = this.client;
      try {
        client ??= await this.connect();
        if (this.holding) {
          await client.query("select 1");
        } else {
          const { rows } = await client.query<{ locked: boolean }>(
            "select pg_try_advisory_lock($1::bigint) as locked",
            [this.key],
          );
          if (rows[0]?.locked && client === this.client) {
            this.holding = true;
            this.log.info({ instance: this.instanceId }, "leading the cluster");
            void this.announce(true);
          }
        }
      } catch (err) {
        if (client) this.lost(client, err);
        else if (this.running)
          this.log.warn(
            { err, instance: this.instanceId },
            "leader election: cannot reach the database",
          );
      } finally {
        this.polling = null;
        this.schedule(this.options.pollMs);
      }
    })();
    return this.polling;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `tradewire-leader-election ${this.instanceId}`,
      keepAlive: true,
      query_timeout: Math.max(2 * this.options.pollMs, 1000),
      connectionTimeoutMillis: Math.max(2 * this.options.pollMs, 1000),
    });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () =>
      this.lost(client, new Error("the connection ended")),
    );
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      throw new Error("the election stopped");
    }
    this.client = client;
    return client;
  }

  /** The connection failed: drop it, step down at once, and try again on a fresh one. */
  private lost(client: pg.Client, err: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.holding) {
      this.holding = false;
      this.log.warn(
        { err, instance: this.instanceId },
        "lost the leader's database connection: stepping down",
      );
      void this.announce(false);
    }
    if (!this.polling) this.schedule(0);
  }

  /** Tell the listeners, in registration order, each awaited, one change at a time. */
  private announce(leader: boolean): Promise<void> {
    this.changing = this.changing.then(async () => {
      // A lock lost before the gain was announced is never announced.
      if (this.announced === leader || (leader && !this.holding)) return;
      this.announced = leader;
      this.leaderGauge.set({ instance_id: this.instanceId }, leader ? 1 : 0);
      this.changes.inc({ instance_id: this.instanceId });
      for (const listener of [...this.listeners]) {
        try {
          await listener(leader);
        } catch (err) {
          this.log.error(
            { err, instance: this.instanceId, leader },
            "a leadership listener failed",
          );
        }
      }
    });
    return this.changing;
  }
}
