import { createPinia, setActivePinia } from "pinia";
import { beforeEach, describe, expect, it } from "vitest";
import { job } from "../../test/support/historyJobs";
import { useHistoryStore } from "./history";

describe("history store", () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("keeps the newest state of each job, newest job first", () => {
    const store = useHistoryStore();
    store.apply(job("a", { createdAt: 1 }));
    store.apply(job("b", { createdAt: 2 }));
    store.apply(job("a", { status: "running", barsDone: 5, createdAt: 1 }));
    expect(store.list.map((j) => [j.id, j.status, j.barsDone])).toEqual([
      ["b", "queued", 0],
      ["a", "running", 5],
    ]);
  });

  it("ignores a late answer older than what the channel already said", () => {
    const store = useHistoryStore();
    store.apply(job("a", { status: "running", barsDone: 500 }));
    // The REST answer to the start, arriving after the first progress update.
    store.apply(job("a", { status: "queued" }));
    store.apply(job("a", { status: "running", barsDone: 400 }));
    expect(store.jobs.a?.barsDone).toBe(500);
    store.apply(
      job("a", { status: "completed", barsDone: 900, barsTotal: 900 }),
    );
    store.apply(job("a", { status: "running", barsDone: 800 }));
    expect(store.jobs.a?.status).toBe("completed");
  });
});
