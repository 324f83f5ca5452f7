import type { HistoryJob, JobsSubscriptionRequest } from "@tradewire/client";
import {
  TopicError,
  type TopicRef,
  type TopicUpdate,
  type WsRouteService,
} from "../../../../ws";
import {
  ENDED,
  LIST_LIMIT,
  type HistoryJobStatus,
  type StoredJob,
} from "../model";
import { presentJob } from "../present";
import type { JobRunner } from "../run/job-runner";
import type { JobStore } from "../store/job-store";

interface LiveJobs {
  readonly accountId: string;
  readonly jobs: Map<string, HistoryJob>;
  readonly update: TopicUpdate<HistoryJob>;
  readonly off: () => void;
}

/** Clustered: when the account's changes from other instances start to arrive (cluster/job-relay.ts). */
export interface JobTopicsCluster {
  ready(accountId: string): Promise<void>;
}

const RANK: Record<HistoryJobStatus, number> = {
  queued: 0,
  running: 1,
  completed: 2,
  failed: 2,
  cancelled: 2,
};

/** Whether `next` may replace `held`: never a step back in status, nothing after the end. */
function follows(held: HistoryJob | undefined, next: HistoryJob): boolean {
  if (!held) return true;
  if (ENDED.has(held.status)) return false;
  return RANK[next.status] >= RANK[held.status];
}

/**
 * `jobs`: the account's history jobs as state. The 50 newest are loaded on the first subscriber,
 * with the runner's live counters over the stored ones; then every change the runner emits
 * (status changes, progress at most every 250 ms) is sent and kept for later snapshots. A change
 * that lands during the load wins over the loaded row. Clustered, changes of jobs other instances
 * run arrive over the bus (never a step back in status), and `resync` sends what the database
 * holds after the bus was cut off, so a final status is never lost.
 */
export class JobTopics implements WsRouteService<
  JobsSubscriptionRequest,
  HistoryJob
> {
  private readonly live = new Map<string, LiveJobs>();

  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
    private readonly cluster: JobTopicsCluster | null = null,
  ) {}

  async createTopic(
    topic: TopicRef<JobsSubscriptionRequest>,
    topicUpdate: TopicUpdate<HistoryJob>,
  ): Promise<void> {
    if (topic.accountId === null)
      throw new TopicError(
        "UNAUTHORIZED",
        "this channel belongs to an account",
      );
    const accountId = topic.accountId;
    const jobs = new Map<string, HistoryJob>();
    const changed = new Set<string>();
    const off = this.runner.changes.on(accountId, (stored: StoredJob) => {
      const job = presentJob(stored);
      if (!follows(jobs.get(job.id), job)) return;
      changed.add(job.id);
      jobs.set(job.id, job);
      topicUpdate(job);
    });
    try {
      await this.cluster?.ready(accountId);
      const stored = await this.store.jobs(accountId);
      const running = new Map(
        this.runner.live(accountId).map((s) => [s.job.id, s]),
      );
      for (const s of stored)
        if (!changed.has(s.job.id))
          jobs.set(s.job.id, presentJob(running.get(s.job.id) ?? s));
    } catch (err) {
      off();
      throw err;
    }
    this.live.set(topic.id, { accountId, jobs, update: topicUpdate, off });
  }

  /** Send each live topic the jobs whose stored state moved on while the bus was cut off. */
  async resync(): Promise<void> {
    for (const { accountId, jobs, update } of [...this.live.values()])
      for (const stored of await this.store.jobs(accountId)) {
        const job = presentJob(this.runner.current(stored));
        const held = jobs.get(job.id);
        if (held && held.status === job.status) continue;
        if (!follows(held, job)) continue;
        jobs.set(job.id, job);
        update(job);
      }
  }

  removeTopic(topic: TopicRef<JobsSubscriptionRequest>): void {
    this.live.get(topic.id)?.off();
    this.live.delete(topic.id);
  }

  snapshot(topic: TopicRef<JobsSubscriptionRequest>): readonly HistoryJob[] {
    const jobs = this.live.get(topic.id)?.jobs;
    if (!jobs) return [];
    // Oldest first, so the newest ends up last in a client's state; at most the 50 newest.
    return [...jobs.values()]
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .slice(-LIST_LIMIT);
  }
}
