import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import PanelSplitter from "./PanelSplitter.vue";

function splitter(
  props: { invert?: boolean; orientation?: "vertical" | "horizontal" } = {},
) {
  return mount(PanelSplitter, {
    props: {
      orientation: props.orientation ?? "vertical",
      value: 300,
      min: 160,
      max: 420,
      label: "Watchlist width",
      testid: "splitter-watchlist",
      ...(props.invert ? { invert: true } : {}),
    },
  });
}

describe("PanelSplitter", () => {
  it("is a focusable separator that says its size and limits", () => {
    const el = splitter().get('[data-testid="splitter-watchlist"]');
    expect(el.attributes()).toMatchObject({
      role: "separator",
      tabindex: "0",
      "aria-orientation": "vertical",
      "aria-label": "Watchlist width",
      "aria-valuenow": "300",
      "aria-valuemin": "160",
      "aria-valuemax": "420",
    });
  });

  it("resizes with the arrows, Shift for big steps, Home and End for the limits, clamped", async () => {
    const wrapper = splitter();
    const el = wrapper.get('[role="separator"]');
    await el.trigger("keydown", { key: "ArrowRight" });
    await el.trigger("keydown", { key: "ArrowLeft", shiftKey: true });
    await el.trigger("keydown", { key: "End" });
    await el.trigger("keydown", { key: "Home" });
    await el.trigger("keydown", { key: "ArrowUp" });
    expect(wrapper.emitted("commit")).toEqual([[316], [236], [420], [160]]);
    await wrapper.setProps({ value: 410 });
    await el.trigger("keydown", { key: "ArrowRight", shiftKey: true });
    expect(wrapper.emitted("commit")?.at(-1)).toEqual([420]);
  });

  it("follows a pointer drag and saves where it is let go; an inverted one sizes the panel after it", async () => {
    const wrapper = splitter({ invert: true, orientation: "horizontal" });
    const el = wrapper.get('[role="separator"]');
    await el.trigger("pointerdown", { button: 0, clientY: 500, pointerId: 1 });
    await el.trigger("pointermove", { clientY: 460, pointerId: 1 });
    await el.trigger("pointermove", { clientY: 100, pointerId: 1 });
    await el.trigger("pointerup", { clientY: 450, pointerId: 1 });
    expect(wrapper.emitted("resize")).toEqual([[340], [420], [350]]);
    expect(wrapper.emitted("commit")).toEqual([[350]]);
    await el.trigger("pointermove", { clientY: 0, pointerId: 1 });
    expect(wrapper.emitted("resize")).toHaveLength(3);
  });
});
