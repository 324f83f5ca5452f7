import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { job } from "../../../test/support/historyJobs";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { until } from "../../../test/support/until";
import type { HistoryJobInput } from "../../model/historyJob";
import { HistoryService } from "../../services/history/HistoryService";
import { useHistoryStore } from "../../stores/history";
import { toApiError } from "../../transport/rest/apiError";
import type { HistoryApi } from "../../transport/rest/historyApi";
import HistoryPanel from "./HistoryPanel.vue";

/** Wednesday 2026-11-25 15:00 UTC. */
const NOW = Date.UTC(2026, 10, 25, 15);
const now = () => NOW;
const byId = (id: string) => `[data-testid="${id}"]`;

/** The simulation, with history jobs answered by `api` (a server's answers in its wire shapes). */
function withHistoryApi(sim: Simulation, api: HistoryApi): Simulation {
  return {
    ...sim,
    services: {
      ...sim.services,
      history: new HistoryService(api, sim.services.adapter),
    },
  };
}

describe("History panel", () => {
  let sim: Simulation;
  afterEach(async () => {
    localStorage.clear();
    await sim.services.dispose();
  });

  it("shows each job's state: progress, bars, rate and ETA while running; Download when completed; the reason when failed", async () => {
    sim = simulation();
    const wrapper = mountTerminal(HistoryPanel, sim, { props: { now } });
    const store = useHistoryStore();
    store.apply(job("q", { createdAt: 1 }));
    store.apply(
      job("r", {
        status: "running",
        barsDone: 250_000,
        barsTotal: 1_000_000,
        rate: 125_000,
        etaSeconds: 6,
        createdAt: 2,
      }),
    );
    store.apply(
      job("c", {
        status: "completed",
        barsDone: 1_950,
        barsTotal: 1_950,
        bytes: 140_000,
        downloadUrl: "/api/v1/history/jobs/c/file",
        createdAt: 3,
      }),
    );
    store.apply(
      job("f", {
        status: "failed",
        error: { code: "INTERNAL_ERROR", message: "the server restarted" },
        createdAt: 4,
      }),
    );
    store.apply(job("x", { status: "cancelled", createdAt: 5 }));
    await flushPromises();

    const rows = wrapper.findAll("tbody tr");
    expect(rows.map((r) => r.attributes("data-status"))).toEqual([
      "cancelled",
      "failed",
      "completed",
      "running",
      "queued",
    ]);
    const bar = wrapper.get(byId("history-job-progress-r"));
    expect(bar.attributes("role")).toBe("progressbar");
    expect(bar.attributes("aria-valuenow")).toBe("25");
    expect(wrapper.get(byId("history-job-bars-r")).text()).toBe(
      "250,000 / 1,000,000",
    );
    expect(wrapper.get(byId("history-job-rate-r")).text()).toBe(
      "125.0k bars/s",
    );
    expect(wrapper.get(byId("history-job-eta-r")).text()).toBe("6 s");
    expect(wrapper.find(byId("history-job-cancel-r")).exists()).toBe(true);
    expect(wrapper.find(byId("history-job-cancel-q")).exists()).toBe(true);

    const download = wrapper.get(byId("history-job-download-c"));
    expect(download.attributes("href")).toBe("/api/v1/history/jobs/c/file");
    expect(download.attributes("download")).toBeDefined();
    expect(download.text()).toContain("136.7 KB");
    expect(
      wrapper.get(byId("history-job-progress-c")).attributes("aria-valuenow"),
    ).toBe("100");
    expect(wrapper.find(byId("history-job-cancel-c")).exists()).toBe(false);
    expect(wrapper.get(byId("history-job-eta-c")).text()).toBe("—");

    expect(wrapper.get(byId("history-job-error-f")).text()).toBe(
      "the server restarted",
    );
    for (const id of ["f", "x"]) {
      expect(wrapper.find(byId(`history-job-cancel-${id}`)).exists()).toBe(
        false,
      );
      expect(wrapper.find(byId(`history-job-download-${id}`)).exists()).toBe(
        false,
      );
    }
    wrapper.unmount();
  });

  it("enables the adjustment only while a continuous future is among the symbols", async () => {
    localStorage.setItem("tradewire.symbol", JSON.stringify("ES1!"));
    sim = simulation();
    const wrapper = mountTerminal(HistoryPanel, sim, { props: { now } });
    const adjustment = wrapper.get(byId("history-adjustment"));
    expect(wrapper.find(byId("history-symbol-ES1!")).exists()).toBe(true);
    expect(adjustment.attributes("disabled")).toBeUndefined();
    await adjustment.setValue("ratio");

    const search = wrapper.get(byId("history-symbol-search"));
    await search.setValue("AAPL");
    await until(
      () => wrapper.find(byId("history-symbol-search-result-AAPL")).exists(),
      2000,
      "AAPL in the search",
    );
    await search.trigger("keydown", { key: "Enter" });
    expect(wrapper.find(byId("history-symbol-AAPL")).exists()).toBe(true);
    expect(adjustment.attributes("disabled")).toBeUndefined();

    await wrapper.get(byId("history-symbol-remove-ES1!")).trigger("click");
    expect(adjustment.attributes("disabled")).toBeDefined();
    // The choice made for the future is dropped with it.
    expect((adjustment.element as HTMLSelectElement).value).toBe("none");
    wrapper.unmount();
  });

  it("validates before sending: a custom period against the spec, the dates, an empty symbol list", async () => {
    const sent: HistoryJobInput[] = [];
    sim = simulation();
    const api: HistoryApi = {
      list: () => Promise.resolve([]),
      create: (input) => {
        sent.push(input);
        return Promise.resolve({ ...job("j1"), request: input });
      },
      cancel: () => Promise.reject(new Error("not called")),
    };
    const wrapper = mountTerminal(HistoryPanel, withHistoryApi(sim, api), {
      props: { now },
    });
    await wrapper.get(byId("history-resolution")).setValue("custom");
    await wrapper.get(byId("history-resolution-custom")).setValue("2H");
    await wrapper.get(byId("history-symbol-remove-BTCUSD")).trigger("click");
    await wrapper.get(byId("history-to")).setValue("2026-11-01");
    await wrapper.get(byId("history-form")).trigger("submit");
    await flushPromises();
    expect(sent).toEqual([]);
    expect(wrapper.get(byId("history-error-symbols")).text()).toBe(
      "Pick at least one symbol",
    );
    expect(wrapper.get(byId("history-error-resolution")).text()).toMatch(
      /^Minutes 1–99999/,
    );
    expect(
      wrapper.get(byId("history-resolution-custom")).attributes("aria-invalid"),
    ).toBe("true");
    expect(wrapper.get(byId("history-error-to")).text()).toBe(
      "The end date is before the start date",
    );

    // Fixed: the request goes out as typed, the week before today by the quick range.
    const search = wrapper.get(byId("history-symbol-search"));
    await search.setValue("MSFT");
    await until(
      () => wrapper.find(byId("history-symbol-search-result-MSFT")).exists(),
      2000,
      "MSFT in the search",
    );
    await search.trigger("keydown", { key: "Enter" });
    await wrapper.get(byId("history-resolution-custom")).setValue("45");
    await wrapper.get(byId("history-range-1w")).trigger("click");
    await wrapper.get(byId("history-format")).setValue("parquet");
    await wrapper.get(byId("history-start")).trigger("click");
    await flushPromises();
    expect(sent).toEqual([
      {
        symbols: ["MSFT"],
        resolution: "45",
        from: Date.UTC(2026, 10, 18) / 1000,
        to: Date.UTC(2026, 10, 26) / 1000,
        fill: false,
        format: "parquet",
      },
    ]);
    expect(wrapper.find(byId("history-error-symbols")).exists()).toBe(false);
    // The answer is listed at once, before the channel says anything.
    expect(wrapper.get(byId("history-job-j1")).attributes("data-status")).toBe(
      "queued",
    );
    wrapper.unmount();
  });

  it("shows the server's refusals where they belong: JOB_LIMIT beside Start, a 400 at its field", async () => {
    sim = simulation();
    const answers = [
      toApiError(422, {
        code: "JOB_LIMIT",
        message: "2 history jobs are already queued or running",
      }),
      toApiError(400, {
        code: "UNKNOWN_RESOLUTION",
        message: "BTCUSD has no 3M bars",
        field: "resolution",
      }),
    ];
    const api: HistoryApi = {
      list: () => Promise.resolve([]),
      create: () =>
        Promise.reject(answers.shift() ?? new Error("no answer left")),
      cancel: () => Promise.reject(new Error("not called")),
    };
    const wrapper = mountTerminal(HistoryPanel, withHistoryApi(sim, api), {
      props: { now },
    });
    const start = wrapper.get(byId("history-start"));
    await start.trigger("click");
    await flushPromises();
    const limit = wrapper.get(byId("history-error-form"));
    expect(limit.text()).toBe("2 history jobs are already queued or running");
    expect(limit.attributes("role")).toBe("alert");
    await start.trigger("click");
    await flushPromises();
    expect(wrapper.find(byId("history-error-form")).exists()).toBe(false);
    expect(wrapper.get(byId("history-error-resolution")).text()).toBe(
      "BTCUSD has no 3M bars",
    );
    wrapper.unmount();
  });

  it("on the simulation, says that jobs need the server", async () => {
    sim = simulation();
    const wrapper = mountTerminal(HistoryPanel, sim, { props: { now } });
    await wrapper.get(byId("history-start")).trigger("click");
    await flushPromises();
    expect(wrapper.get(byId("history-error-form")).text()).toBe(
      "History jobs need the server: the simulation has none",
    );
    wrapper.unmount();
  });

  it("cancels over REST and shows the answer", async () => {
    sim = simulation();
    const cancelled: string[] = [];
    const api: HistoryApi = {
      list: () => Promise.resolve([]),
      create: () => Promise.reject(new Error("not called")),
      cancel: (id) => {
        cancelled.push(id);
        return Promise.resolve({
          ...job(id, { status: "cancelled", barsDone: 10 }),
          request: job(id).request,
        });
      },
    };
    const wrapper = mountTerminal(HistoryPanel, withHistoryApi(sim, api), {
      props: { now },
    });
    useHistoryStore().apply(
      job("r", { status: "running", barsDone: 10, barsTotal: 100 }),
    );
    await flushPromises();
    await wrapper.get(byId("history-job-cancel-r")).trigger("click");
    await flushPromises();
    expect(cancelled).toEqual(["r"]);
    expect(wrapper.get(byId("history-job-r")).attributes("data-status")).toBe(
      "cancelled",
    );
    wrapper.unmount();
  });
});
