import { flushPromises } from "@vue/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { mountTerminal } from "../../../test/support/mountTerminal";
import { simulation, type Simulation } from "../../../test/support/simulation";
import { useSessionStore } from "../../stores/session";
import LoginView from "./LoginView.vue";

describe("LoginView", () => {
  let sim: Simulation;
  afterEach(() => sim.services.dispose());

  it("signs a demo user in", async () => {
    sim = simulation();
    const wrapper = mountTerminal(LoginView, sim);
    await wrapper.get('[data-testid="login-username"]').setValue("alice");
    await wrapper.get('[data-testid="login-password"]').setValue("demo1234");
    await wrapper.get('[data-testid="login-form"]').trigger("submit");
    await flushPromises();
    expect(useSessionStore().session?.user.username).toBe("alice");
    wrapper.unmount();
  });

  it("shows the server's message for a wrong password and clears the password", async () => {
    sim = simulation();
    const wrapper = mountTerminal(LoginView, sim);
    await wrapper.get('[data-testid="login-username"]').setValue("bob");
    await wrapper.get('[data-testid="login-password"]').setValue("wrong");
    await wrapper.get('[data-testid="login-submit"]').trigger("click");
    await wrapper.get('[data-testid="login-form"]').trigger("submit");
    await flushPromises();
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe(
      "wrong username or password",
    );
    expect(
      (
        wrapper.get('[data-testid="login-password"]')
          .element as HTMLInputElement
      ).value,
    ).toBe("");
    wrapper.unmount();
  });
});
