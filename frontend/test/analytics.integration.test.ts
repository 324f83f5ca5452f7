// @vitest-environment node
import { createRestClient } from "@tradewire/client";
import { createPinia, setActivePinia } from "pinia";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { IndicatorFeed } from "../src/components/chart/indicatorFeed";
import { priceCrossInput } from "../src/model/alert";
import { toBarPage } from "../src/model/bar";
import type { Quote } from "../src/model/quote";
import { AlertService } from "../src/services/alerts/AlertService";
import type { NotifyEnvironment } from "../src/services/alerts/alertNotifier";
import { IndicatorService } from "../src/services/analytics/IndicatorService";
import { channelStream } from "../src/services/stream";
import { useAlertsStore } from "../src/stores/alerts";
import { feedAlerts } from "../src/stores/feeds";
import { useToastsStore } from "../src/stores/toasts";
import { restAlertsApi } from "../src/transport/rest/restAlertsApi";
import { restMarketApi } from "../src/transport/rest/restMarketApi";
import { createWsAdapter, type WsAdapter } from "../src/transport/ws/wsAdapter";
import { WsClientBase } from "../src/transport/ws/wsClientBase";
import {
  MarketClock,
  startBackend,
  WEDNESDAY_10AM_NY,
  type RealBackend,
} from "./support/backend";
import { until } from "./support/until";

describe("indicators and alerts services against the real backend (PGlite)", () => {
  const clock = new MarketClock(WEDNESDAY_10AM_NY + 7_000);
  let backend: RealBackend;
  let adapter: WsAdapter;
  let token: string;

  beforeAll(async () => {
    backend = await startBackend(clock, "trading");
    token = await backend.login("alice");
    setActivePinia(createPinia());
    adapter = createWsAdapter(
      WsClientBase.acquire({ url: backend.wsUrl, WebSocket, token }),
    );
  });
  afterAll(async () => {
    await adapter.dispose();
    await backend.close();
  });

  it("an SMA from the indicators channel equals the mean of the closes /history serves, and goes on live", async () => {
    const feed = new IndicatorFeed((symbol, resolution, study) =>
      new IndicatorService(adapter).values(symbol, resolution, study, 50),
    );
    feed.set("AAPL", "1", [{ id: "s", kind: "sma", params: { period: 5 } }]);
    await until(() => feed.points("s").length > 40, 5000, "the snapshot");
    const market = restMarketApi(
      createRestClient({ baseUrl: backend.httpUrl, token }),
    );
    const history = await market.history({
      symbol: "AAPL",
      resolution: "1",
      from: 0,
      to: Math.floor(clock.now() / 1000) + 60,
      countBack: 100,
    });
    const bars = toBarPage(history).bars;
    const closes = new Map<number, number[]>();
    bars.forEach((bar, i) =>
      closes.set(
        bar.time,
        bars.slice(Math.max(0, i - 4), i + 1).map((b) => b.close),
      ),
    );
    const closed = feed.points("s").filter((p) => p.closed);
    expect(closed.length).toBeGreaterThan(40);
    for (const point of closed) {
      const window = closes.get(point.time);
      expect(window).toHaveLength(5);
      const mean = (window ?? []).reduce((a, b) => a + b, 0) / 5;
      expect(point.lines.value).toBeCloseTo(mean, 6);
    }
    const last = feed.latest("s")?.time ?? 0;
    await backend.run(120_000);
    await until(
      () => (feed.latest("s")?.time ?? 0) > last,
      5000,
      "a value for a newer bar",
    );
    feed.stop();
  });

  it("an alert just above the market fires once: the rule turns triggered, one toast with the server's message", async () => {
    const service = new AlertService(
      restAlertsApi(createRestClient({ baseUrl: backend.httpUrl, token })),
      adapter,
    );
    const env: NotifyEnvironment = {
      hidden: () => false,
      permission: () => "default",
      showNotification: () => undefined,
      beep: () => undefined,
    };
    const stop = feedAlerts(service, env);
    let quote: Quote | undefined;
    const stopQuotes = channelStream(adapter.quotes, {
      symbols: ["BTCUSD"],
    }).subscribe((q) => (quote = q));
    await backend.run(2_000);
    await until(() => quote !== undefined, 5000, "a BTCUSD quote");

    const alerts = useAlertsStore();
    const toasts = useToastsStore();
    // Re-armed just above the market until the simulated walk crosses it.
    let id = "";
    for (
      let attempt = 0;
      attempt < 20 && alerts.fired.length === 0;
      attempt += 1
    ) {
      const level = Number(((quote?.last ?? 0) * 1.00002).toFixed(2));
      const input = priceCrossInput("BTCUSD", level, quote?.last);
      const outcome = id
        ? await service.replace(id, input)
        : await service.create(input);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) id = outcome.rule.id;
      await backend.run(20_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await until(() => alerts.fired.length === 1, 5000, "the firing");
    await until(
      () => alerts.rules[id]?.status === "triggered",
      5000,
      "triggered",
    );
    expect(toasts.list).toHaveLength(1);
    expect(toasts.list[0]?.body).toBe(alerts.fired[0]?.message);
    expect(toasts.list[0]?.body).toContain("BTCUSD");

    const removed = await service.remove(id);
    expect(removed.ok).toBe(true);
    await until(
      () => alerts.rules[id] === undefined,
      5000,
      "the deleted rule to go",
    );
    stopQuotes();
    stop();
  });
});
