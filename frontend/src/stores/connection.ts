import { CloseCode, type ConnectionState } from "@tradewire/client";
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { toConnectionView, type ConnectionView } from "../model/connection";

/** The socket's state for the status bar: connected, reconnecting (attempt n), offline; latency. */
export const useConnectionStore = defineStore("connection", () => {
  const view = ref<ConnectionView>({ status: "offline", attempt: 0 });
  const simulated = ref(false);

  /** A new session: offline until its first state arrives; `isSimulated` labels it. */
  function reset(isSimulated = false): void {
    simulated.value = isSimulated;
    view.value = { status: "offline", attempt: 0 };
  }

  function apply(state: ConnectionState): void {
    view.value = toConnectionView(state);
  }

  /** The server closed the socket because the session token is no longer valid. */
  const tokenRejected = computed(
    () =>
      view.value.status === "offline" &&
      view.value.closeCode === CloseCode.TokenInvalid,
  );

  return { view, simulated, reset, apply, tokenRejected };
});
