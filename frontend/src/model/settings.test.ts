import { describe, expect, it } from "vitest";
import { defaultSettings, toSettings } from "./settings";

describe("settings", () => {
  it("reads its defaults from the spec", () => {
    expect(defaultSettings()).toEqual({
      theme: "dark",
      timeZone: "exchange",
      chartType: "candles",
      defaultNotional: 1000,
      quantities: {},
      confirmOrders: true,
      confirmAboveNotional: 10000,
      confirmClose: true,
      sound: false,
      notifications: false,
      panels: { watchlistWidth: 280, ticketWidth: 300, accountHeight: 260 },
    });
  });

  it("fills what an answer leaves out and keeps what it says", () => {
    const s = toSettings({
      theme: "light",
      confirmAboveNotional: 0,
      panels: { watchlistWidth: 280, ticketWidth: 400, accountHeight: 260 },
      quantities: { AAPL: 5 },
      activeWatchlist: "w-2",
    });
    expect(s.theme).toBe("light");
    expect(s.confirmAboveNotional).toBe(0);
    expect(s.confirmOrders).toBe(true);
    expect(s.panels).toEqual({
      watchlistWidth: 280,
      ticketWidth: 400,
      accountHeight: 260,
    });
    expect(s.quantities).toEqual({ AAPL: 5 });
    expect(s.activeWatchlist).toBe("w-2");
  });
});
