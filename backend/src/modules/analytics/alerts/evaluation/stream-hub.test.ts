import { describe, expect, it } from "vitest";
import type {
  BarStreamEvent,
  BarStreams,
} from "../../../../contracts/bar-streams";
import { TopicError } from "../../../../ws";
import { StreamHub } from "./stream-hub";

/** BarStreams that records starts and stops, and lets the test emit events. */
function fakeStreams() {
  const log: string[] = [];
  const listeners = new Map<string, (e: BarStreamEvent) => void>();
  const bars: BarStreams = {
    stream(symbol, resolution, history, listener) {
      if (resolution === "7")
        return Promise.reject(new TopicError("UNKNOWN_RESOLUTION", "no 7"));
      const key = `${symbol}|${resolution}`;
      log.push(`start ${key} ${history}`);
      listeners.set(key, listener);
      // An event before the stream resolves must wait for the history.
      listener({
        trades: [{ time: 1, price: 5, size: 1 }],
        closed: [],
        forming: null,
      });
      return Promise.resolve({
        history: [{ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 4 }],
        forming: null,
        stop: () => log.push(`stop ${key}`),
      });
    },
    sessionStart: () => 0,
  };
  return { bars, log, listeners };
}

describe("StreamHub", () => {
  it("starts one stream per symbol and resolution for all its holders and stops it with the last", async () => {
    const { bars, log } = fakeStreams();
    const hub = new StreamHub(bars);
    const [a, b] = await Promise.all([
      hub.acquire("BTCUSD", "1"),
      hub.acquire("BTCUSD", "1"),
    ]);
    const c = await hub.acquire("BTCUSD", "5");
    expect(a).toBe(b);
    expect(log).toEqual(["start BTCUSD|1 5000", "start BTCUSD|5 5000"]);
    hub.release(a);
    expect(log).toHaveLength(2);
    hub.release(b);
    hub.release(c);
    expect(log.slice(2)).toEqual(["stop BTCUSD|1", "stop BTCUSD|5"]);
    expect(hub.size).toBe(0);
    await hub.acquire("BTCUSD", "1");
    expect(log.at(-1)).toBe("start BTCUSD|1 5000");
  });

  it("applies history first, then an event that arrived while the stream was starting", async () => {
    const { bars } = fakeStreams();
    const hub = new StreamHub(bars);
    const seen: number[] = [];
    const shared = await hub.acquire("ETHUSD", "1");
    expect(shared.state.averageVolume(1)).toBe(4);
    expect(shared.state.trade).toEqual({ time: 1, price: 5, size: 1 });
    shared.watchers.add({ onTrade: (s) => seen.push(s.trade?.price ?? 0) });
    expect(seen).toEqual([]);
  });

  it("passes a refusal on and holds nothing", async () => {
    const { bars, log } = fakeStreams();
    const hub = new StreamHub(bars);
    await expect(hub.acquire("BTCUSD", "7")).rejects.toThrow(TopicError);
    expect(hub.size).toBe(0);
    expect(log).toEqual([]);
  });
});
