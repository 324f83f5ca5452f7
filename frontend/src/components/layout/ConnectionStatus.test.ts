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
    wrapper.unmount();
  });
});
