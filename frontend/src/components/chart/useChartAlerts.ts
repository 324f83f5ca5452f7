import { computed, ref, type Ref } from "vue";
import { priceCrossInput, withLevel } from "../../model/alert";
import { useTerminal } from "../../services/injection";
import { useAlertsStore } from "../../stores/alerts";
import { useMarketStore } from "../../stores/market";
import { useToastsStore } from "../../stores/toasts";
import type { AlertLine } from "./alertLines";

/**
 * Alerts on the chart: the active price-cross rules of the shown symbol as lines, a new rule at a
 * price (above or below the last price), and a dragged line's new level sent as a replace.
 */
export function useChartAlerts(lastPrice: Ref<number | undefined>) {
  const { alerts: service } = useTerminal();
  const alerts = useAlertsStore();
  const market = useMarketStore();
  const toasts = useToastsStore();
  /** Bumped after a refused move, so the line goes back to the level the rule still has. */
  const redraw = ref(0);

  const lines = computed<AlertLine[]>(() => {
    void redraw.value;
    return alerts.list.flatMap((rule) => {
      const c = rule.condition;
      if (c.type !== "price-cross" || rule.symbol !== market.symbol) return [];
      if (rule.status !== "active") return [];
      return [
        {
          id: rule.id,
          price: c.level,
          title: `Alert ${c.direction === "above" ? "↑" : "↓"}`,
        },
      ];
    });
  });

  const refused = (what: string, message: string) => toasts.push(what, message);
  /** A level on the symbol's tick grid as the chart prints it, not the pointer's float. */
  const round = (price: number, symbol: string) =>
    Number(price.toFixed(market.precisionOf(symbol)));

  /** A new price-cross alert on the chart's symbol at `price`; answers the error, if any. */
  async function createAt(
    price: number,
    symbol = market.symbol,
  ): Promise<string | null> {
    const level = round(price, symbol);
    const last =
      symbol === market.symbol
        ? lastPrice.value
        : market.quotes[symbol]?.quote.last;
    const outcome = await service.create(priceCrossInput(symbol, level, last));
    if (outcome.ok) {
      alerts.applyRule(outcome.rule);
      return null;
    }
    return outcome.error.message;
  }

  async function move(id: string, price: number): Promise<void> {
    const rule = alerts.rules[id];
    const level = round(price, market.symbol);
    const input = rule && withLevel(rule, level, lastPrice.value);
    if (!input || level <= 0) {
      redraw.value += 1;
      return;
    }
    const outcome = await service.replace(id, input);
    if (outcome.ok) alerts.applyRule(outcome.rule);
    else {
      redraw.value += 1;
      refused("Alert not moved", outcome.error.message);
    }
  }

  return { lines, createAt, move };
}
