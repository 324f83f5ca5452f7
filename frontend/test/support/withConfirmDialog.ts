import { defineComponent, h, type Component } from "vue";
import ConfirmDialog from "../../src/components/common/ConfirmDialog.vue";

/** `component` with the terminal's confirmation dialog beside it, as TerminalView mounts them. */
export function withConfirmDialog(component: Component): Component {
  return defineComponent({
    name: "WithConfirmDialog",
    render: () => [h(component), h(ConfirmDialog)],
  });
}
