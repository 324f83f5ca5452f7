import { CloseCode } from "@tradewire/client";
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import {
  toConnectionView,
  type ConnectionView,
} from "../model/connection";
import type { ConnectionSource } from "../transport/ws/wsClientBase";

/** The socket's state for the status bar: connected, reconnecting (attempt n), offline; latency. */
export const useConnectionStore = defineStore("connection", () => {
  const view = ref<ConnectionView>({ status: "offline", attempt: 0 });
  const simulated = ref(false);

  /** Follows `source` until the returned function is called. */
  function track(source: ConnectionSource, isSimulated = false): () => void {
    simulated.value = isSimulated;
    return source.onState((state) => {
      view.value = toConnectionView(state);
    });
  }

  /** The server closed the socket because the session token is no longer valid. */
  const tokenRejected = computed(
    () =>
      view.value.status === "offline" &&
      view.value.closeCode === CloseCode.TokenInvalid,
  );

  return { view, simulated, track, tokenRejected };
});
