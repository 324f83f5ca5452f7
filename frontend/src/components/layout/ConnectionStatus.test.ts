import { afterEach, describe, expect, it } from "vitest";
import { nextTick } from "vue";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useConnectionStore } from "../../stores/connection";
import { feedConnection } from "../../stores/feeds";
import ConnectionStatus from "./ConnectionStatus.vue";

describe("ConnectionStatus", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it.each([
    [
      { status: "connected", attempt: 0, latencyMs: 23.4 },
      "Connected",
      "23 ms",
    ],
    [
      { status: "reconnecting", attempt: 3, retryInMs: 2000 },
      "Reconnecting (attempt 3)",
      "— ms",
    ],
    [
      { status: "connected", attempt: 0, latencyMs: 41, transport: "sse" },
      "Connected (SSE)",
      "41 ms",
    ],
    [{ status: "connecting", attempt: 0 }, "Connecting", "— ms"],
    [{ status: "offline", attempt: 0 }, "Offline", "— ms"],
  ] as const)(
    "shows %o as %s with latency %s",
    async (view, label, latency) => {
      sim = simulation();
      const wrapper = mountTerminal(ConnectionStatus, sim);
      useConnectionStore().view = view;
      await nextTick();
      expect(wrapper.get('[data-testid="connection-status"]').text()).toBe(
        label,
      );
      expect(
        wrapper
          .get('[data-testid="connection-status"]')
          .attributes("data-status"),
      ).toBe(view.status);
      expect(wrapper.get('[data-testid="connection-latency"]').text()).toBe(
        latency,
      );
      wrapper.unmount();
    },
  );

  it("names the instance and the URL in its tooltip, and follows a failover", async () => {
    sim = simulation();
    const wrapper = mountTerminal(ConnectionStatus, sim);
    const tooltip = () =>
      wrapper.get('[data-testid="connection-tooltip"]').attributes("title");
    const store = useConnectionStore();
    store.view = { status: "offline", attempt: 0 };
    await nextTick();
    expect(tooltip()).toBeUndefined();

    store.view = {
      status: "connected",
      attempt: 0,
      url: "wss://a.example/api/v1/ws",
      instance: "tw-a",
    };
    await nextTick();
    expect(tooltip()).toBe("Instance tw-a\nServer: wss://a.example/api/v1/ws");

    // After a 1012 the client dials the next URL before it knows the instance there.
    store.view = {
      status: "reconnecting",
      attempt: 1,
      closeCode: 1012,
      url: "wss://b.example/api/v1/ws",
    };
    await nextTick();
    expect(tooltip()).toBe("Server: wss://b.example/api/v1/ws");
    store.view = {
      status: "connected",
      attempt: 0,
      url: "wss://b.example/api/v1/ws",
      instance: "tw-b",
    };
    await nextTick();
    expect(tooltip()).toBe("Instance tw-b\nServer: wss://b.example/api/v1/ws");
    wrapper.unmount();
  });

  it("says Simulated when the socket is simulated", async () => {
    sim = simulation();
    const wrapper = mountTerminal(ConnectionStatus, sim);
    feedConnection(sim.services);
    await nextTick();
    expect(wrapper.get('[data-testid="connection-status"]').text()).toBe(
      "Simulated",
    );
    expect(wrapper.get('[data-testid="connection-latency"]').text()).toBe(
      "0 ms",
    );
    expect(
      wrapper.get('[data-testid="connection-tooltip"]').attributes("title"),
    ).toBe("In-browser simulation");
    wrapper.unmount();
  });
});
