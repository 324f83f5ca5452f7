import { OrderType, Side } from "@tradewire/client";
import { computed, reactive, ref, watch } from "vue";
import { useTerminal } from "../../services/injection";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { useTicketRequestsStore } from "../../stores/ticketRequests";
import {
  ORDER_STATUS_LABELS,
  ORDER_TYPE_LABELS,
  sideLabel,
} from "../common/format";
import {
  emptyDraft,
  fieldApplies,
  newClientOrderId,
  readDraft,
  TICKET_FIELDS,
  type TicketErrors,
  type TicketField,
} from "./ticketForm";

/** The ticket's state for the chart's symbol: the draft, its errors, and sending it. */
export function useOrderTicket() {
  const { broker } = useTerminal();
  const market = useMarketStore();
  const orders = useOrdersStore();

  const draft = reactive(emptyDraft());
  const errors = ref<TicketErrors>({});
  const result = ref("");
  const busy = ref(false);

  const spec = computed(() => market.specs[market.symbol]);
  const quote = computed(() => market.quotes[market.symbol]?.quote);
  const precision = computed(() => spec.value?.pricePrecision ?? 2);
  const buy = computed(() => draft.side === Side.Buy);
  /** The price a new order would meet: the ask for a buy, the bid for a sell. */
  const marketPrice = computed(
    () =>
      (buy.value ? quote.value?.ask : quote.value?.bid) ?? quote.value?.last,
  );
  const estimate = computed(() => {
    const price =
      Number(draft.limitPrice) || Number(draft.stopPrice) || marketPrice.value;
    const qty = Number(draft.qty);
    return price && qty > 0 ? price * qty : undefined;
  });

  watch(
    () => market.symbol,
    () => {
      Object.assign(draft, {
        limitPrice: "",
        stopPrice: "",
        takeProfit: "",
        stopLoss: "",
      });
      errors.value = {};
      result.value = "";
    },
  );

  watch(
    () => draft.type,
    (type) => {
      // A limit order usually starts at the touch; the trader adjusts from there with the arrows.
      if (
        fieldApplies(type, "limitPrice") &&
        draft.limitPrice === "" &&
        marketPrice.value !== undefined
      )
        draft.limitPrice = marketPrice.value.toFixed(precision.value);
      errors.value = {};
    },
  );

  // Another panel (the chart's "Buy limit at") asks for a side and a price: a limit where one
  // can rest (a buy at or under the touch), else a stop.
  watch(
    () => useTicketRequestsStore().latest,
    (request) => {
      if (!request) return;
      if (request.side !== undefined) draft.side = request.side;
      if (request.price === undefined) return;
      const touch = marketPrice.value;
      const rests =
        touch === undefined ||
        (buy.value ? request.price <= touch : request.price >= touch);
      // The price first: the type's watcher then keeps it instead of taking the touch.
      if (rests) draft.limitPrice = request.price.toFixed(precision.value);
      else draft.stopPrice = request.price.toFixed(precision.value);
      draft.type = rests ? OrderType.Limit : OrderType.Stop;
      errors.value = {};
      result.value = "";
    },
  );

  function setSide(side: Side): void {
    draft.side = side;
  }

  /** Back to a fresh ticket on the same side. */
  function clear(): void {
    Object.assign(draft, { ...emptyDraft(), side: draft.side });
    errors.value = {};
    result.value = "";
  }

  async function submit(): Promise<void> {
    if (busy.value) return;
    result.value = "";
    const read = readDraft(draft, market.symbol, spec.value);
    if ("errors" in read) {
      errors.value = read.errors;
      return;
    }
    errors.value = {};
    busy.value = true;
    try {
      const outcome = await broker.placeOrder({
        ...read.ticket,
        clientOrderId: newClientOrderId(),
      });
      // The orders channel brings the same order; applying the answer shows it without waiting.
      if (outcome.order) orders.apply(outcome.order);
      if (outcome.ok) {
        const { order } = outcome;
        result.value = `${sideLabel(order.side)} ${order.qty} ${order.symbol} ${ORDER_TYPE_LABELS[order.type]}: ${ORDER_STATUS_LABELS[order.status]}`;
        return;
      }
      const field = outcome.error.field as TicketField | undefined;
      const key = field && TICKET_FIELDS.includes(field) ? field : "form";
      errors.value = { [key]: outcome.error.message };
    } finally {
      busy.value = false;
    }
  }

  return {
    draft,
    errors,
    result,
    busy,
    spec,
    quote,
    precision,
    buy,
    marketPrice,
    estimate,
    setSide,
    clear,
    submit,
  };
}
