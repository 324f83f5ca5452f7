import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../../clock";
import type { ClusterRole } from "../../../../cluster/role";
import type { HistoryJobsConfig } from "../config";
import type { JobChanges } from "../run/job-runner";
import type { JobFiles } from "../run/job-files";
import type { JobStore } from "../store/job-store";

export interface JobOrphansDeps {
  readonly store: JobStore;
  readonly files: JobFiles;
  readonly changes: JobChanges;
  readonly role: ClusterRole;
  readonly clock: Clock;
  readonly config: HistoryJobsConfig;
  readonly log: FastifyBaseLogger;
}

/**
 * Clustered, a crashed instance's jobs would stay queued or running forever: its restart (under a
 * new default INSTANCE_ID) never sweeps them. Every instance stamps its jobs alive each
 * HISTORY_JOBS_HEARTBEAT_MS (run/job-runner.ts); while this instance leads, it checks as often for
 * jobs whose heartbeat is older than HISTORY_JOBS_ORPHAN_AFTER_MS and fails them, telling every
 * instance's sockets through the jobs relay. It removes the files it sees in its own exports
 * folder; the others stay recorded for the retention sweep of the instance that has them.
 */
export class JobOrphans {
  private timer: NodeJS.Timeout | null = null;
  private offRole: (() => void) | null = null;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly deps: JobOrphansDeps) {}

  start(): void {
    this.offRole = this.deps.role.onChange((leader) =>
      leader ? this.lead() : this.stepDown(),
    );
    if (this.deps.role.isLeader()) this.lead();
  }

  async stop(): Promise<void> {
    this.offRole?.();
    await this.stepDown();
  }

  private lead(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, this.deps.config.heartbeatMs);
    this.timer.unref();
  }

  private async stepDown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /** Fail the stale jobs (one conditional UPDATE), remove the files seen here, tell everyone. */
  private async check(): Promise<void> {
    const { store, files, clock, config, changes, log } = this.deps;
    try {
      const now = clock.now();
      for (const failed of await store.failOrphans(
        now - config.orphanAfterMs,
        now,
      )) {
        let stored = failed;
        const here = files.pathOf(failed.job.id, failed.job.request.format);
        if (failed.filePath === null || files.sees(here)) {
          await files.remove(here);
          stored = { ...failed, filePath: null };
          await store.save(stored);
        }
        log.warn(
          { jobId: failed.job.id, instanceId: failed.instanceId },
          "history job failed: its instance stopped answering",
        );
        changes.emit(stored.accountId, stored);
      }
    } catch (err) {
      log.error({ err }, "orphaned history jobs could not be checked");
    }
  }
}
