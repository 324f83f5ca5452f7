import { randomUUID } from "node:crypto";
import { DAY_MS } from "@tradewire/client";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../../../clock";
import { KeyedQueue } from "../../../../concurrency/keyed-queue";
import { KeyedListeners } from "../../../../events/keyed-listeners";
import { bucketStart } from "../../market";
import type { HistoryJobsConfig } from "../config";
import type { ExportWriter, openExportWriter } from "../../export";
import {
  ENDED,
  RESTART_ERROR,
  type HistoryJob,
  type HistoryJobError,
  type HistoryJobInput,
  type StoredJob,
} from "../model";
import type { JobPlan } from "../plan";
import { JobRejection } from "../rejection";
import type { HistoryExtent } from "../store/history-extent";
import type { JobStore } from "../store/job-store";
import { estimateBars } from "./estimate";
import type { JobFiles } from "./job-files";
import { JobProgress } from "./progress";
import { walkSymbol, WalkAborted, type BarSource } from "./walk";

export interface JobRunnerDeps {
  readonly store: JobStore;
  readonly extent: HistoryExtent;
  readonly source: BarSource;
  readonly files: JobFiles;
  readonly openWriter: typeof openExportWriter;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly config: HistoryJobsConfig;
  readonly instanceId: string;
  /** Several instances share the database: each fails and sweeps only its own jobs. */
  readonly clustered: boolean;
  /** Where changes go: this instance's listeners only by default; clustered, every instance's. */
  readonly changes?: JobChanges;
}

/** The account's job changes, as the `jobs` topics follow them (cluster/job-relay.ts relays them). */
export interface JobChanges {
  on(accountId: string, listener: (stored: StoredJob) => void): () => void;
  emit(accountId: string, stored: StoredJob): void;
}

interface Queued {
  stored: StoredJob;
  readonly plan: JobPlan;
}

interface Running {
  stored: StoredJob;
  readonly progress: JobProgress;
  readonly controller: AbortController;
  /** How the job ends if it is stopped: cancelled, or failed when the server stops. */
  stopAs:
    { status: "cancelled" } | { status: "failed"; error: HistoryJobError };
  done: Promise<void>;
}

const STOPPED_ERROR: HistoryJobError = {
  code: "SERVICE_UNAVAILABLE",
  message: "the server stopped while the job ran; start it again",
};

/** How often finished files are checked against the retention. */
const SWEEP_MS = 60_000;

/**
 * Runs history jobs: at most HISTORY_JOBS_PER_ACCOUNT queued or running per account (422
 * JOB_LIMIT past it), HISTORY_JOBS_CONCURRENCY at once, the rest in arrival order. Every state
 * change is stored and emitted to the account's listeners (the `jobs` channel); progress is
 * emitted at most every 250 ms and kept in memory until the job ends.
 */
export class JobRunner {
  readonly changes: JobChanges;
  private readonly queue: Queued[] = [];
  private readonly running = new Map<string, Running>();
  private readonly accounts = new KeyedQueue();
  private sweeper: NodeJS.Timeout | null = null;
  private heart: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: JobRunnerDeps) {
    this.changes = deps.changes ?? new KeyedListeners<StoredJob>();
  }

  /** Prepare the exports folder and fail what a previous run left unfinished. */
  async start(): Promise<void> {
    const { store, files, clustered, instanceId } = this.deps;
    files.tightenExisting();
    for (const stored of await store.unfinished(
      clustered ? instanceId : null,
    )) {
      await files.remove(
        stored.filePath ??
          files.pathOf(stored.job.id, stored.job.request.format),
      );
      await this.save(
        this.ended(stored, { status: "failed", error: RESTART_ERROR }),
      );
    }
    await this.sweep();
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: unknown) =>
        this.deps.log.error({ err }, "history job files could not be swept"),
      );
    }, SWEEP_MS);
    this.sweeper.unref();
    // Clustered, the leader fails jobs whose heartbeat went stale (cluster/job-orphans.ts).
    if (clustered) {
      this.heart = setInterval(() => {
        this.beat().catch((err: unknown) =>
          this.deps.log.error({ err }, "history jobs heartbeat not written"),
        );
      }, this.deps.config.heartbeatMs);
      this.heart.unref();
    }
  }

  /**
   * Stamp this instance's queued and running jobs alive, in one UPDATE. A job of ours it did not
   * stamp was failed by the leader (our heartbeats stalled past the orphan age): it is dropped
   * from the queue or stopped, and its end is not written over the leader's.
   */
  private async beat(): Promise<void> {
    if (this.stopped) return;
    const before = new Set([
      ...this.queue.map((q) => q.stored.job.id),
      ...this.running.keys(),
    ]);
    const stamped = await this.deps.store.heartbeat(
      this.deps.instanceId,
      this.deps.clock.now(),
    );
    const gone = (id: string) => before.has(id) && !stamped.has(id);
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (gone((this.queue[i] as Queued).stored.job.id))
        this.queue.splice(i, 1);
    for (const [id, live] of this.running)
      if (gone(id)) live.controller.abort();
  }

  /** Stop taking jobs; fail the queued and running ones ("the server stopped"). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.heart) clearInterval(this.heart);
    for (const { stored } of this.queue.splice(0))
      await this.save(
        this.ended(stored, { status: "failed", error: STOPPED_ERROR }),
      );
    const running = [...this.running.values()];
    for (const live of running) {
      live.stopAs = { status: "failed", error: STOPPED_ERROR };
      live.controller.abort();
    }
    await Promise.all(running.map((live) => live.done));
    await this.accounts.idle();
  }

  /** Queue a checked request; JOB_LIMIT when the account has enough queued or running. */
  create(
    accountId: string,
    request: HistoryJobInput,
    plan: JobPlan,
  ): Promise<StoredJob> {
    const { store, config, clock, instanceId } = this.deps;
    return this.accounts.run(accountId, async () => {
      if (this.stopped)
        throw new JobRejection(422, "JOB_LIMIT", "the server is stopping");
      const active = await store.countActive(accountId);
      if (active >= config.perAccount)
        throw new JobRejection(
          422,
          "JOB_LIMIT",
          `the account has ${active} history jobs queued or running, the most it may (HISTORY_JOBS_PER_ACCOUNT ${config.perAccount}); wait for one to end or cancel one`,
        );
      const stored: StoredJob = {
        accountId,
        instanceId,
        filePath: null,
        job: {
          id: `job-${randomUUID()}`,
          status: "queued",
          request,
          barsDone: 0,
          barsTotal: 0,
          rate: 0,
          createdAt: clock.now(),
        },
      };
      await store.insert(stored, clock.now());
      this.queue.push({ stored, plan });
      this.changes.emit(accountId, stored);
      this.pump();
      return this.current(stored);
    });
  }

  /** The job as it is now: a running job's live counters rather than its stored ones. */
  current(stored: StoredJob): StoredJob {
    const live = this.running.get(stored.job.id);
    if (!live) return stored;
    const { progress } = live;
    const eta = progress.etaSeconds;
    return {
      ...live.stored,
      job: {
        ...live.stored.job,
        barsDone: progress.barsDone,
        barsTotal: progress.total,
        rate: Math.round(progress.rate),
        ...(eta !== undefined ? { etaSeconds: eta } : {}),
      },
    };
  }

  /** The jobs of this instance that are queued or running (the `jobs` snapshot overlays them). */
  live(accountId: string): StoredJob[] {
    return [
      ...this.queue.map((q) => q.stored),
      ...[...this.running.values()].map((r) => this.current(r.stored)),
    ].filter((s) => s.accountId === accountId);
  }

  /**
   * Cancel the account's job: a queued one at once, a running one once its walk has stopped and
   * its file is removed (within a chunk, a few milliseconds). An ended job is returned as it is;
   * null when the account has no such job.
   */
  async cancel(accountId: string, id: string): Promise<StoredJob | null> {
    const index = this.queue.findIndex(
      (q) => q.stored.job.id === id && q.stored.accountId === accountId,
    );
    const queued = index >= 0 ? this.queue.splice(index, 1)[0] : undefined;
    if (queued)
      return this.save(this.ended(queued.stored, { status: "cancelled" }));
    const live = this.running.get(id);
    if (live && live.stored.accountId === accountId) {
      live.stopAs = { status: "cancelled" };
      live.controller.abort();
      await live.done;
    }
    return this.deps.store.job(accountId, id);
  }

  private pump(): void {
    while (
      !this.stopped &&
      this.running.size < this.deps.config.concurrency &&
      this.queue.length > 0
    ) {
      const next = this.queue.shift() as Queued;
      const live: Running = {
        stored: next.stored,
        progress: new JobProgress(),
        controller: new AbortController(),
        stopAs: { status: "cancelled" },
        done: Promise.resolve(),
      };
      this.running.set(next.stored.job.id, live);
      live.done = this.execute(live, next.plan)
        .catch((err: unknown) =>
          this.deps.log.error(
            { err, jobId: next.stored.job.id },
            "history job could not record its end",
          ),
        )
        .finally(() => {
          this.running.delete(next.stored.job.id);
          this.pump();
        });
    }
  }

  private async execute(live: Running, plan: JobPlan): Promise<void> {
    const { files, clock, openWriter, log } = this.deps;
    const { job } = live.stored;
    const { request } = job;
    const path = files.pathOf(job.id, request.format);
    live.stored = {
      ...live.stored,
      filePath: path,
      job: { ...job, status: "running", startedAt: clock.now() },
    };
    let writer: ExportWriter | null = null;
    try {
      if (!(await this.deps.store.advance(live.stored, clock.now())))
        throw new Error("the job was failed as orphaned before it started");
      const walks = await this.bounds(plan);
      live.progress.barsTotal = walks.reduce((n, w) => n + w.estimate, 0);
      files.ensure();
      writer = await openWriter(
        request.format,
        {
          symbols: plan.entries.map((e) => e.ticker),
          resolution: plan.resolution.canonical,
          adjustment: request.adjustment ?? "none",
          from: plan.fromMs,
          to: plan.toMs,
        },
        path,
      );
      // Announced once its file exists: a cancel from now on has a file to remove.
      this.emit(live);
      const out = writer;
      const options = {
        ...(request.fill !== undefined ? { fill: request.fill } : {}),
        ...(request.adjustment !== undefined
          ? { adjustment: request.adjustment }
          : {}),
        ...(request.roll !== undefined ? { roll: request.roll } : {}),
      };
      for (const walk of walks)
        await walkSymbol({
          source: this.deps.source,
          entry: walk.entry,
          resolution: plan.resolution,
          fromMs: walk.fromMs,
          toMs: walk.toMs,
          options,
          signal: live.controller.signal,
          onBars: async (bars) => {
            await out.write(walk.entry.ticker, bars);
            if (live.progress.add(bars.length)) this.emit(live);
          },
        });
      const { bytes } = await writer.finish();
      const done = live.progress.barsDone;
      const saved = await this.save({
        ...live.stored,
        job: {
          ...live.stored.job,
          status: "completed",
          barsDone: done,
          barsTotal: done,
          rate: 0,
          bytes,
          finishedAt: clock.now(),
        },
      });
      // Failed as orphaned meanwhile: the leader's end stands, so the file has no job.
      if (saved.job.status !== "completed") await files.remove(path);
    } catch (err) {
      await writer?.abort().catch(() => undefined);
      await files.remove(path);
      const stopped =
        err instanceof WalkAborted || live.controller.signal.aborted;
      if (!stopped) log.error({ err, jobId: job.id }, "history job failed");
      const withCounts: StoredJob = {
        ...live.stored,
        job: {
          ...live.stored.job,
          barsDone: live.progress.barsDone,
          barsTotal: live.progress.total,
        },
      };
      await this.save(
        this.ended(
          withCounts,
          stopped
            ? live.stopAs
            : {
                status: "failed",
                error: {
                  code: "INTERNAL_ERROR",
                  message: `the job failed: ${err instanceof Error ? err.message : String(err)}`,
                },
              },
        ),
      );
    }
  }

  /**
   * Each symbol's part of the range that can hold bars: from its oldest stored minute (a bucket
   * early, so the bar that minute belongs to is whole) to the planned end, and its estimate.
   */
  private async bounds(plan: JobPlan) {
    const walks = [];
    const now = this.deps.clock.now();
    for (const entry of plan.entries) {
      const oldest = await this.deps.extent.oldest(entry);
      const fromMs =
        oldest === null
          ? plan.toMs
          : Math.max(
              plan.fromMs,
              bucketStart(plan.resolution, oldest - DAY_MS),
            );
      const estimate = estimateBars(
        entry,
        plan.resolution,
        Math.max(fromMs, oldest ?? fromMs),
        Math.min(plan.toMs, now),
      );
      walks.push({ entry, fromMs, toMs: plan.toMs, estimate });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return walks;
  }

  /** The job ended as `end`: its file gone unless it completed, no rate, its end time. */
  private ended(
    stored: StoredJob,
    end: { status: "cancelled" } | { status: "failed"; error: HistoryJobError },
  ): StoredJob {
    const { etaSeconds: _eta, ...job } = stored.job;
    const next: HistoryJob = {
      ...job,
      status: end.status,
      rate: 0,
      finishedAt: this.deps.clock.now(),
      ...("error" in end ? { error: end.error } : {}),
    };
    return { ...stored, filePath: null, job: next };
  }

  /**
   * Store and announce the job's new state, unless it ended meanwhile (the leader failed it as
   * orphaned): then the stored job is returned as it is and nothing is announced.
   */
  private async save(stored: StoredJob): Promise<StoredJob> {
    if (!(await this.deps.store.advance(stored))) {
      this.running.delete(stored.job.id);
      return (
        (await this.deps.store.job(stored.accountId, stored.job.id)) ?? stored
      );
    }
    const live = this.running.get(stored.job.id);
    if (live) live.stored = stored;
    if (ENDED.has(stored.job.status)) this.running.delete(stored.job.id);
    this.changes.emit(stored.accountId, stored);
    return stored;
  }

  private emit(live: Running): void {
    if (live.controller.signal.aborted) return;
    this.changes.emit(live.stored.accountId, this.current(live.stored));
  }

  /**
   * Remove finished files past the retention, and at once the file of a job the leader failed as
   * orphaned; their jobs stay listed, without a download. Clustered, an instance removes its own
   * jobs' files and any other's it sees in its own exports folder (a shared one); the rest is left
   * to the instance that has them (an orphan's `.partial` to its instance, back under the same
   * INSTANCE_ID).
   */
  private async sweep(): Promise<void> {
    const { store, files, clock, config, clustered, instanceId } = this.deps;
    const before = clock.now() - config.retentionHours * 3_600_000;
    for (const stored of await store.filesToSweep(before)) {
      const here = files.pathOf(stored.job.id, stored.job.request.format);
      const own = !clustered || stored.instanceId === instanceId;
      if (!own && !files.sees(here)) continue;
      if (stored.filePath) await files.remove(own ? stored.filePath : here);
      await store.save({ ...stored, filePath: null });
    }
  }
}
