import { OrderType, Side } from "@tradewire/client";
import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import App from "../../App.vue";
import { useAccountStore } from "../../stores/account";
import { useOrdersStore } from "../../stores/orders";
import { useSessionStore } from "../../stores/session";
import type { Backend } from "../../terminal";

/** The backend with every session open, service disposal and account switch written to `log`. */
function recorded(sim: Simulation, log: string[]): Backend {
  const { backend } = sim;
  return {
    mode: backend.mode,
    auth: {
      ...backend.auth,
      switchAccount: async (id) => {
        log.push(`switch ${id}`);
        return backend.auth.switchAccount(id);
      },
    },
    openSession() {
      const services = backend.openSession();
      log.push("open");
      return {
        ...services,
        dispose: async () => {
          log.push("dispose");
          await services.dispose();
        },
      };
    },
  };
}

describe("account switcher", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("closes the session's services before switching, then reopens every panel on the new account", async () => {
    sim = simulation();
    const log: string[] = [];
    const wrapper = mountTerminal(App, { ...sim, backend: recorded(sim, log) });
    await flushPromises();
    await wrapper.get('[data-testid="login-username"]').setValue("alice");
    await wrapper.get('[data-testid="login-password"]').setValue("demo1234");
    await wrapper.get('[data-testid="login-form"]').trigger("submit");
    await flushPromises();
    expect(log).toEqual(["open"]);

    // A working order on the first account, placed from another session of it.
    const other = sim.backend.openSession();
    await other.broker.placeOrder({
      symbol: "MSFT",
      side: Side.Buy,
      type: OrderType.Limit,
      qty: 3,
      limitPrice: 1,
    });
    await flushPromises();
    const orders = useOrdersStore();
    expect(orders.working.map((o) => o.qty)).toEqual([3]);
    expect(useAccountStore().equity?.accountId).toBe("acc-alice");

    const switcher = wrapper.get('[data-testid="account-switcher"]');
    expect(switcher.findAll("option").map((o) => o.text())).toEqual([
      "Alice paper (USD)",
      "Alice swing (USD)",
    ]);
    await switcher.setValue("acc-alice-swing");
    await flushPromises();
    expect(log).toEqual(["open", "dispose", "switch acc-alice-swing", "open"]);
    expect(useSessionStore().session?.accountId).toBe("acc-alice-swing");
    expect(orders.working).toEqual([]);
    expect(useAccountStore().equity?.accountId).toBe("acc-alice-swing");
    expect(
      (
        wrapper.get('[data-testid="account-switcher"]')
          .element as HTMLSelectElement
      ).value,
    ).toBe("acc-alice-swing");

    await wrapper.get('[data-testid="account-switcher"]').setValue("acc-alice");
    await flushPromises();
    expect(orders.working.map((o) => o.qty)).toEqual([3]);
    expect(useSessionStore().session?.accountId).toBe("acc-alice");
    wrapper.unmount();

    // A reload keeps the account the user chose (the simulated cookie holds it).
    await sim.backend.auth.switchAccount("acc-alice-swing");
    const reloaded = mountTerminal(App, sim);
    await flushPromises();
    expect(useSessionStore().session?.accountId).toBe("acc-alice-swing");
    reloaded.unmount();
    await other.dispose();
  });
});
