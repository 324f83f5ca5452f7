import { flushPromises, mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defineComponent, h } from "vue";
import { useConfirmStore } from "../../stores/confirm";
import ConfirmDialog from "./ConfirmDialog.vue";

// A button outside the dialog, as the terminal behind it has.
const Host = defineComponent({
  render: () => [
    h("button", { "data-testid": "outside" }, "Buy"),
    h(ConfirmDialog),
  ],
});

describe("ConfirmDialog", () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    document.body.innerHTML = "";
  });

  async function open() {
    const wrapper = mount(Host, { attachTo: document.body });
    const outside = wrapper.get<HTMLButtonElement>('[data-testid="outside"]');
    outside.element.focus();
    const answer = useConfirmStore().ask({
      title: "Buy 10 AAPL",
      lines: ["Buy 10 AAPL at market"],
      confirmLabel: "Buy",
    });
    await flushPromises();
    const button = (id: string) =>
      wrapper.get<HTMLButtonElement>(`[data-testid="confirm-${id}"]`).element;
    const tab = (shiftKey = false) =>
      wrapper
        .get('[data-testid="confirm-dialog"]')
        .trigger("keydown", { key: "Tab", shiftKey });
    return { wrapper, outside: outside.element, answer, button, tab };
  }

  it("starts on Cancel and keeps Tab and Shift+Tab on its own buttons", async () => {
    const { wrapper, button, tab } = await open();
    expect(document.activeElement).toBe(button("cancel"));
    await tab();
    expect(document.activeElement).toBe(button("ok"));
    await tab();
    expect(document.activeElement).toBe(button("cancel"));
    await tab(true);
    expect(document.activeElement).toBe(button("ok"));
    await tab(true);
    expect(document.activeElement).toBe(button("cancel"));
    wrapper.unmount();
  });

  it("Tab from the dialog itself (a click on its text) goes to its first button", async () => {
    const { wrapper, button, tab } = await open();
    wrapper.get<HTMLElement>('[data-testid="confirm-dialog"]').element.focus();
    await tab();
    expect(document.activeElement).toBe(button("cancel"));
    wrapper.get<HTMLElement>('[data-testid="confirm-dialog"]').element.focus();
    await tab(true);
    expect(document.activeElement).toBe(button("ok"));
    wrapper.unmount();
  });

  it("Escape cancels and focus returns where it was", async () => {
    const { wrapper, outside, answer } = await open();
    await wrapper
      .get('[data-testid="confirm-dialog"]')
      .trigger("keydown", { key: "Escape" });
    await flushPromises();
    expect(await answer).toBe(false);
    expect(wrapper.find('[data-testid="confirm-dialog"]').exists()).toBe(false);
    expect(document.activeElement).toBe(outside);
    wrapper.unmount();
  });

  it("the confirm button answers yes after tabbing to it", async () => {
    const { wrapper, answer, button, tab } = await open();
    await tab();
    button("ok").click();
    expect(await answer).toBe(true);
    wrapper.unmount();
  });
});
