import type { HistoryJob, JobsSubscriptionRequest } from "@tradewire/client";
import {
  TopicError,
  type TopicRef,
  type TopicUpdate,
  type WsRouteService,
} from "../../../../ws";
import { LIST_LIMIT, type StoredJob } from "../model";
import { presentJob } from "../present";
import type { JobRunner } from "../run/job-runner";
import type { JobStore } from "../store/job-store";

interface LiveJobs {
  readonly jobs: Map<string, HistoryJob>;
  readonly off: () => void;
}

/**
 * `jobs`: the account's history jobs as state. The 50 newest are loaded on the first subscriber,
 * with the runner's live counters over the stored ones; then every change the runner emits
 * (status changes, progress at most every 250 ms) is sent and kept for later snapshots. A change
 * that lands during the load wins over the loaded row.
 */
export class JobTopics implements WsRouteService<
  JobsSubscriptionRequest,
  HistoryJob
> {
  private readonly live = new Map<string, LiveJobs>();

  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
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
      changed.add(job.id);
      jobs.set(job.id, job);
      topicUpdate(job);
    });
    try {
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
    this.live.set(topic.id, { jobs, off });
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
