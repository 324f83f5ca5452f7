import { Side } from "@tradewire/client";
import { nextTick, watch, type Ref } from "vue";
import {
  useTicketRequestsStore,
  type TicketRequest,
} from "../../stores/ticketRequests";
import { isTyping, useHotkey } from "../common/useHotkeys";

interface TicketActions {
  setSide(side: Side): void;
  apply(request: TicketRequest): void;
  clear(): void;
}

/**
 * The ticket's keyboard and the requests other panels send it. Answers the form's keydown
 * handler. B and S never type into a field: outside one the hotkey consumes the key press before
 * it focuses the quantity (else the browser types the letter into the field now focused); inside
 * the ticket's inputs they switch side.
 */
export function useTicketKeys(
  form: Ref<HTMLFormElement | null>,
  ticket: TicketActions,
): (event: KeyboardEvent) => void {
  const requests = useTicketRequestsStore();

  function focusQty(): void {
    form.value
      ?.querySelector<HTMLInputElement>('[data-testid="ticket-qty"]')
      ?.focus();
  }

  function focusTicket(event: KeyboardEvent, side: Side): void {
    event.preventDefault();
    ticket.setSide(side);
    focusQty();
  }
  useHotkey("b", (event) => focusTicket(event, Side.Buy));
  useHotkey("s", (event) => focusTicket(event, Side.Sell));

  watch(
    () => requests.latest,
    async (request) => {
      if (!request) return;
      ticket.apply(request);
      if (request.focus) {
        await nextTick();
        focusQty();
      }
    },
  );

  return (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (
      (key === "b" || key === "s") &&
      (!isTyping(event.target) || event.target instanceof HTMLInputElement)
    ) {
      event.preventDefault();
      ticket.setSide(key === "b" ? Side.Buy : Side.Sell);
    } else if (event.key === "Escape") {
      ticket.clear();
      (event.target as HTMLElement).blur();
    }
  };
}
