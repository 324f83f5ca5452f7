import { CloseCode } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { takeViolations } from "../support/conformance";
import { startTestApp } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

describe("graceful shutdown", () => {
  it("closes every socket with 1012, releases every topic and stops listening", async () => {
    const t = await startTestApp();
    const [a, b] = [
      await TestSocket.open(t.wsUrl),
      await TestSocket.open(t.wsUrl),
    ];
    await a.subscribe("bars", { symbol: "AAPL", resolution: "1" });
    await b.subscribe("quotes", { symbols: ["BTCUSD"] });
    await t.close();
    expect((await a.closed).code).toBe(CloseCode.ServiceRestart);
    expect((await b.closed).code).toBe(CloseCode.ServiceRestart);
    expect(t.services.bars.removed).toEqual([
      'bars:{"resolution":"1","symbol":"AAPL"}',
    ]);
    expect(t.services.quotes.removed).toEqual([
      'quotes:{"symbols":["BTCUSD"]}',
    ]);
    await expect(fetch(`${t.httpUrl}/health`)).rejects.toThrow();
    expect(takeViolations()).toEqual([]);
  });
});
