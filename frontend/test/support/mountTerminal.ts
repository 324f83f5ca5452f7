import { mount, type ComponentMountingOptions } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import type { Component } from "vue";
import { BACKEND, TERMINAL } from "../../src/services/injection";
import type { Simulation } from "./simulation";

/**
 * Mounts a terminal component over a simulation. lightweight-charts needs a canvas, which
 * happy-dom lacks, so the chart itself is always stubbed; everything else is real.
 */
export function mountTerminal<C extends Component>(
  component: C,
  sim: Simulation,
  options: ComponentMountingOptions<C> = {},
) {
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: {
      plugins: [pinia],
      provide: {
        [BACKEND as symbol]: sim.backend,
        [TERMINAL as symbol]: sim.services,
      },
      stubs: { PriceChart: true },
    },
  });
}
