import { OrderType, Side } from "@tradewire/client";
import { computed, reactive, ref, watch } from "vue";
import { closingIntent, closingText } from "../../model/closingIntent";
import { needsConfirmation } from "../../model/orderSafety";
import { decimalsOfStep, lotOf } from "../../model/orderSizing";
import { formatQty } from "../common/format";
import { useTerminal } from "../../services/injection";
import { useAccountStore } from "../../stores/account";
import { useConfirmStore } from "../../stores/confirm";
import { useMarketStore } from "../../stores/market";
import { useOrdersStore } from "../../stores/orders";
import { usePositionsStore } from "../../stores/positions";
import { useSettingsStore } from "../../stores/settings";
import type { TicketRequest } from "../../stores/ticketRequests";
import { useMarketStatus } from "../common/useMarketStatus";
import { orderConfirmation } from "./ticketConfirm";
import {
  emptyDraft,
  fieldApplies,
  newClientOrderId,
  readDraft,
  TICKET_FIELDS,
  type TicketErrors,
  type TicketField,
} from "./ticketForm";
import { ticketStatusLine } from "./ticketStatus";
import { ticketSummary } from "./ticketSummary";
import { useTicketQuantity } from "./useTicketQuantity";

/** The ticket's state for the chart's symbol: the draft, its errors, and sending it. */
export function useOrderTicket() {
  const { broker } = useTerminal();
  const market = useMarketStore();
  const orders = useOrdersStore();
  const positions = usePositionsStore();
  const account = useAccountStore();
  const settings = useSettingsStore();
  const confirm = useConfirmStore();

  const draft = reactive(emptyDraft());
  const errors = ref<TicketErrors>({});
  const busy = ref(false);
  /** The order this ticket sent last, followed through the orders store to its end. */
  const sentId = ref<string | null>(null);

  const spec = computed(() => market.specs[market.symbol]);
  const quote = computed(() => market.quotes[market.symbol]?.quote);
  const precision = computed(() => spec.value?.pricePrecision ?? 2);
  const qtyPrecision = computed(() =>
    spec.value ? decimalsOfStep(lotOf(spec.value)) : 0,
  );
  const buy = computed(() => draft.side === Side.Buy);
  /** The price a new order would meet: the ask for a buy, the bid for a sell. */
  const marketPrice = computed(
    () =>
      (buy.value ? quote.value?.ask : quote.value?.bid) ?? quote.value?.last,
  );
  /** Buying power, when it is in the symbol's quote currency (USDJPY's notional is in yen). */
  const buyingPower = computed(() =>
    account.equity && account.equity.currency === spec.value?.currency
      ? account.equity.buyingPower
      : undefined,
  );
  const summary = computed(() =>
    ticketSummary(draft, quote.value, spec.value, buyingPower.value),
  );
  const marketStatus = useMarketStatus(() => spec.value);
  const status = computed(() => {
    const order = sentId.value ? orders.byId[sentId.value] : undefined;
    if (!order) return undefined;
    const orderSpec = market.specs[order.symbol];
    return ticketStatusLine(order, {
      price: orderSpec?.pricePrecision ?? precision.value,
      qty: orderSpec ? decimalsOfStep(lotOf(orderSpec)) : 0,
    });
  });
  const { reoffer } = useTicketQuantity(draft, spec, marketPrice);

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

  function setSide(side: Side): void {
    draft.side = side;
  }

  /**
   * Another panel's request: its side, and a picked price as a limit order where the price is
   * better than the market for that side, else as a stop.
   */
  function apply(request: TicketRequest): void {
    if (request.side !== undefined) draft.side = request.side;
    if (request.price === undefined) return;
    const price = request.price.toFixed(precision.value);
    const touch = marketPrice.value;
    const better =
      touch === undefined ||
      (buy.value ? request.price <= touch : request.price >= touch);
    draft.type = better ? OrderType.Limit : OrderType.Stop;
    if (better) draft.limitPrice = price;
    else draft.stopPrice = price;
    errors.value = {};
  }

  /** Back to a fresh ticket on the same side, with the symbol's offered quantity. */
  function clear(): void {
    Object.assign(draft, { ...emptyDraft(), side: draft.side });
    errors.value = {};
    reoffer();
  }

  /**
   * True when the order may go: small enough, not against the open position (while confirmClose
   * is on) and the market open, or the user confirmed.
   */
  async function confirmed(
    ticket: Parameters<typeof broker.placeOrder>[0],
  ): Promise<boolean> {
    const { price, notional } = summary.value;
    const closed = marketStatus.value?.open === false;
    const closing = closingIntent(ticket, positions.bySymbol[ticket.symbol]);
    // Without a price the notional is unknown: ask, rather than assume it is small.
    const asks = needsConfirmation(
      { notional: notional ?? Infinity, closing: closing !== null },
      settings.settings,
    );
    if (!closed && !asks) return true;
    return confirm.ask(
      orderConfirmation({
        ticket,
        price,
        notional,
        currency: spec.value?.currency ?? "",
        pricePrecision: precision.value,
        qtyPrecision: qtyPrecision.value,
        market: marketStatus.value,
        ...(closing
          ? {
              closing: closingText(closing, (q) =>
                formatQty(q, qtyPrecision.value),
              ),
            }
          : {}),
      }),
    );
  }

  let asking = false;

  async function submit(): Promise<void> {
    if (busy.value || asking) return;
    const read = readDraft(draft, market.symbol, spec.value);
    if ("errors" in read) {
      errors.value = read.errors;
      return;
    }
    errors.value = {};
    asking = true;
    try {
      if (!(await confirmed(read.ticket))) return;
    } finally {
      asking = false;
    }
    busy.value = true;
    try {
      const outcome = await broker.placeOrder({
        ...read.ticket,
        clientOrderId: newClientOrderId(),
      });
      // The orders channel brings the same order; applying the answer shows it without waiting.
      if (outcome.order) {
        orders.apply(outcome.order);
        sentId.value = outcome.order.id;
      }
      if (outcome.ok) {
        void settings.rememberQuantity(read.ticket.symbol, read.ticket.qty);
        return;
      }
      const field = outcome.error.field as TicketField | undefined;
      const key = field && TICKET_FIELDS.includes(field) ? field : "form";
      // A rejected order's reason is on the status line; a field at fault is marked too.
      if (!outcome.order || key !== "form")
        errors.value = { [key]: outcome.error.message };
    } finally {
      busy.value = false;
    }
  }

  return {
    draft,
    errors,
    status,
    busy,
    spec,
    quote,
    precision,
    qtyPrecision,
    buy,
    marketPrice,
    summary,
    marketStatus,
    setSide,
    apply,
    clear,
    submit,
  };
}
