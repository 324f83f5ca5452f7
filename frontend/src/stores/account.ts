import { defineStore } from "pinia";
import { ref, shallowRef } from "vue";
import type { BrokerConnection } from "../model/brokerConnection";
import type { Equity } from "../model/equity";

/** Balance and equity of the account, the broker's own connection state, stream failures. */
export const useAccountStore = defineStore("account", () => {
  const equity = shallowRef<Equity | null>(null);
  const brokerConnection = shallowRef<BrokerConnection | null>(null);
  /** Last failure per account stream (e.g. UNAUTHORIZED), shown instead of empty tables. */
  const streamErrors = ref<Record<string, string>>({});

  function setEquity(next: Equity): void {
    if (equity.value && equity.value.time > next.time) return;
    equity.value = next;
  }

  function setBrokerConnection(next: BrokerConnection): void {
    brokerConnection.value = next;
  }

  function streamFailed(channel: string, message: string): void {
    streamErrors.value[channel] = message;
  }

  function reset(): void {
    equity.value = null;
    brokerConnection.value = null;
    streamErrors.value = {};
  }

  return {
    equity,
    brokerConnection,
    streamErrors,
    setEquity,
    setBrokerConnection,
    streamFailed,
    reset,
  };
});
