import { defineStore } from "pinia";
import { computed, ref } from "vue";
import type { HistoryJob } from "../model/historyJob";

/** The account's history jobs as the `jobs` channel last described each, newest first. */
export const useHistoryStore = defineStore("history", () => {
  const jobs = ref<Record<string, HistoryJob>>({});
  /** Why the `jobs` stream was refused or ended. */
  const error = ref<string | null>(null);

  const list = computed(() =>
    Object.values(jobs.value).sort((a, b) => b.createdAt - a.createdAt),
  );

  /**
   * The newest state of a job, from the channel or a REST answer. A REST answer can arrive after
   * the channel's newer update (the start answers `queued` when progress already came): a job
   * never goes back to fewer bars done or from a final status to a running one.
   */
  function apply(job: HistoryJob): void {
    const known = jobs.value[job.id];
    if (known && isOlder(job, known)) return;
    jobs.value = { ...jobs.value, [job.id]: job };
  }

  function failed(message: string): void {
    error.value = message;
  }

  function reset(): void {
    jobs.value = {};
    error.value = null;
  }

  return { jobs, list, error, apply, failed, reset };
});

const RANK = { queued: 0, running: 1, completed: 2, failed: 2, cancelled: 2 };

function isOlder(next: HistoryJob, known: HistoryJob): boolean {
  if (RANK[next.status] !== RANK[known.status])
    return RANK[next.status] < RANK[known.status];
  return next.barsDone < known.barsDone;
}
