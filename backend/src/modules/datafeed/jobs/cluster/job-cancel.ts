import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Bus } from "../../../../bus/bus";
import { jobsInstanceChannel } from "../../../../cluster/channels";
import { ENDED, type StoredJob } from "../model";
import { JobRejection } from "../rejection";
import type { JobRunner } from "../run/job-runner";
import type { JobStore } from "../store/job-store";

/** Sent to the instance that runs the job; it answers `stopped` to `from` once the job stopped. */
interface CancelRequest {
  readonly kind: "cancel";
  readonly requestId: string;
  readonly from: string;
  readonly accountId: string;
  readonly jobId: string;
}

interface CancelAnswer {
  readonly kind: "stopped";
  readonly requestId: string;
}

/** A cancel the owner did not answer may be tried again after this (it may be restarting). */
const RETRY_AFTER_S = 5;

type InstanceMessage = CancelRequest | CancelAnswer;

export interface JobCancelDeps {
  readonly runner: JobRunner;
  readonly store: JobStore;
  /** Null for a lone instance: every job is its own. */
  readonly bus: Bus | null;
  readonly instanceId: string;
  readonly timeoutMs: number;
  readonly log: FastifyBaseLogger;
}

/**
 * Cancelling a job wherever it runs. A job queued or running on another instance (its row names
 * that instance) is cancelled by a message on that instance's channel; the answer comes once the
 * job has stopped there, so the stored row is then final. No answer within
 * HISTORY_JOBS_CANCEL_TIMEOUT_MS means that instance is gone: 503, and its restart sweep fails the
 * job.
 */
export class JobCancel {
  private readonly pending = new Map<string, () => void>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly deps: JobCancelDeps) {}

  /**
   * Listen on this instance's channel for cancels of its jobs and answers to its own cancels. A bus
   * that refuses is logged; `start` is called again when the bus is back.
   */
  async start(): Promise<void> {
    const { bus, instanceId, log } = this.deps;
    if (!bus || this.stopListening) return;
    try {
      this.stopListening = await bus.subscribe(
        jobsInstanceChannel(instanceId),
        (message) => this.receive(message as InstanceMessage),
      );
    } catch (err) {
      log.error(
        { err },
        "history job cancels from other instances cannot be heard",
      );
    }
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = null;
  }

  /** The job once it has stopped (or as it ended); null when the account has no such job. */
  async cancel(accountId: string, id: string): Promise<StoredJob | null> {
    const { runner, store, bus, instanceId } = this.deps;
    if (!bus) return runner.cancel(accountId, id);
    const stored = await store.job(accountId, id);
    if (!stored) return null;
    if (stored.instanceId === instanceId || ENDED.has(stored.job.status))
      return runner.cancel(accountId, id);
    await this.ask(stored.instanceId, accountId, id);
    return store.job(accountId, id);
  }

  private async ask(
    owner: string,
    accountId: string,
    jobId: string,
  ): Promise<void> {
    const { bus, instanceId, timeoutMs } = this.deps;
    const requestId = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      this.pending.set(requestId, resolve);
      timer = setTimeout(
        () =>
          reject(
            new JobRejection(
              503,
              "SERVICE_UNAVAILABLE",
              `history job ${jobId} runs on instance ${owner}, which did not answer the cancel within ${timeoutMs} ms; if that instance is gone, the cluster leader fails the job once its heartbeat is stale`,
              undefined,
              RETRY_AFTER_S,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const request: CancelRequest = {
        kind: "cancel",
        requestId,
        from: instanceId,
        accountId,
        jobId,
      };
      await bus?.publish(jobsInstanceChannel(owner), request);
      await answered;
    } finally {
      clearTimeout(timer);
      this.pending.delete(requestId);
    }
  }

  private receive(message: InstanceMessage): void {
    if (message?.kind === "stopped") {
      this.pending.get(message.requestId)?.();
      return;
    }
    if (message?.kind !== "cancel") {
      this.deps.log.warn("malformed history job request on the bus");
      return;
    }
    const { requestId, from, accountId, jobId } = message;
    this.deps.runner
      .cancel(accountId, jobId)
      .then(() => {
        const answer: CancelAnswer = { kind: "stopped", requestId };
        return this.deps.bus?.publish(jobsInstanceChannel(from), answer);
      })
      .catch((err: unknown) =>
        this.deps.log.error(
          { err, jobId },
          "a history job cancel from another instance failed",
        ),
      );
  }
}
