import type { Side } from "@tradewire/client";
import { defineStore } from "pinia";
import { shallowRef } from "vue";

/** What another panel asks the ticket to show (the chart's "Trade at price", a hotkey). */
export interface TicketRequest {
  readonly side?: Side;
  /** A price the user picked: the ticket makes it a limit (or stop) order at that price. */
  readonly price?: number;
  /** Move the keyboard focus into the ticket's quantity. */
  readonly focus?: boolean;
}

/**
 * Requests to the order ticket from elsewhere in the terminal. The ticket watches `latest`; the
 * serial makes two equal requests in a row both count.
 */
export const useTicketRequestsStore = defineStore("ticketRequests", () => {
  const latest = shallowRef<
    (TicketRequest & { readonly serial: number }) | null
  >(null);
  let serial = 0;
  function request(next: TicketRequest): void {
    serial += 1;
    latest.value = { ...next, serial };
  }
  return { latest, request };
});
