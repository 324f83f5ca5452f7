import { sql } from "kysely";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../bus/bus";
import type { Database } from "../db/database";
import { migratorFor } from "../db/migrate";
import type { RestReply } from "./rest-route";

/** What `/health/ready` answers, with 200 when ready and 503 when not. */
export type Readiness = Extract<
  RestReply<"getHealthReady">,
  { status: 200 }
>["body"];
export type ReadinessChecks = Readiness["checks"];

/** How long the database may take to answer before it counts as down (a probe must answer fast). */
export const DATABASE_CHECK_TIMEOUT_MS = 1000;

export interface ReadinessSources {
  /** null when the app runs without a database (core tests). */
  readonly database: Database | null;
  readonly bus: Bus;
  /** True from the moment shutdown begins. */
  readonly shuttingDown: () => boolean;
  readonly log: FastifyBaseLogger;
  readonly timeoutMs?: number;
}

/**
 * The checks behind `/health/ready`, run on each probe: the database answers `select 1`, every
 * migration has run, the bus is connected, and the server is not shutting down.
 */
export class ReadinessProbe {
  /** Migrations never come undone while the server runs: once all have run, stop asking. */
  private migrated = false;
  private wasReady = true;

  constructor(private readonly sources: ReadinessSources) {}

  async check(): Promise<Readiness> {
    const [database, migrations] = await Promise.all([
      this.database(),
      this.migrations(),
    ]);
    const checks: ReadinessChecks = {
      database,
      migrations,
      bus: this.sources.bus.connected() ? "ok" : "failed",
      shutdown: this.sources.shuttingDown() ? "shutting_down" : "ok",
    };
    const ready =
      database !== "failed" &&
      (migrations === "ok" || migrations === "none") &&
      checks.bus === "ok" &&
      checks.shutdown === "ok";
    // Logged on the change only: probes come every few seconds.
    if (ready !== this.wasReady)
      this.sources.log[ready ? "info" : "warn"](
        { checks },
        ready ? "ready again" : "not ready",
      );
    this.wasReady = ready;
    return { status: ready ? "ready" : "not_ready", checks };
  }

  private async database(): Promise<ReadinessChecks["database"]> {
    const { database } = this.sources;
    if (!database) return "none";
    try {
      await this.withinTimeout(sql`select 1`.execute(database.db));
      return "ok";
    } catch (err) {
      this.sources.log.debug({ err }, "readiness: database check failed");
      return "failed";
    }
  }

  private async migrations(): Promise<ReadinessChecks["migrations"]> {
    const { database } = this.sources;
    if (!database) return "none";
    if (this.migrated) return "ok";
    try {
      const all = await this.withinTimeout(
        migratorFor(database).getMigrations(),
      );
      this.migrated = all.every((m) => m.executedAt !== undefined);
      return this.migrated ? "ok" : "pending";
    } catch (err) {
      this.sources.log.debug({ err }, "readiness: migration check failed");
      return "failed";
    }
  }

  private withinTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.sources.timeoutMs ?? DATABASE_CHECK_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${ms} ms`)),
        ms,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
