import { describe, expect, it } from "vitest";
import type { IndicatorPoint, Study } from "../../model/indicator";
import type { Stream, StreamError } from "../../services/stream";
import { IndicatorFeed, type IndicatorEvent } from "./indicatorFeed";

interface Topic {
  readonly symbol: string;
  readonly study: Study;
  push(point: IndicatorPoint): void;
  fail(error: StreamError): void;
  stopped: boolean;
}

function harness() {
  const topics: Topic[] = [];
  const queued: (() => void)[] = [];
  const feed = new IndicatorFeed(
    (symbol, _resolution, study): Stream<IndicatorPoint> => ({
      subscribe(listener, onError) {
        const topic: Topic = {
          symbol,
          study,
          push: listener,
          fail: (e) => onError?.(e),
          stopped: false,
        };
        topics.push(topic);
        return () => void (topic.stopped = true);
      },
    }),
    (run) => void queued.push(run),
  );
  const events: IndicatorEvent[] = [];
  feed.on((e) => events.push(e));
  const flush = () => queued.splice(0).forEach((run) => run());
  return { feed, topics, events, flush };
}

const rsi: Study = { id: "s1", kind: "rsi", params: { period: 14 } };
const sma: Study = { id: "s2", kind: "sma", params: { period: 20 } };
const at = (minute: number, value: number, closed = true): IndicatorPoint => ({
  time: minute * 60_000,
  closed,
  lines: { value },
});

describe("IndicatorFeed", () => {
  it("announces a snapshot as one reset, then replaces the forming value and appends new bars", () => {
    const { feed, topics, events, flush } = harness();
    feed.set("BTCUSD", "1", [rsi]);
    events.length = 0;
    for (let m = 1; m <= 300; m += 1) topics[0]!.push(at(m, 50 + (m % 7)));
    topics[0]!.push(at(301, 60, false));
    expect(events).toEqual([]);
    flush();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "reset", id: "s1" });
    expect(feed.points("s1")).toHaveLength(301);

    topics[0]!.push(at(301, 61, false));
    topics[0]!.push(at(301, 62, true));
    topics[0]!.push(at(302, 63, false));
    expect(events.slice(1)).toEqual([
      { kind: "update", id: "s1", point: at(301, 61, false) },
      { kind: "update", id: "s1", point: at(301, 62, true) },
      { kind: "update", id: "s1", point: at(302, 63, false) },
    ]);
    expect(feed.points("s1")).toHaveLength(302);
    expect(feed.latest("s1")).toEqual(at(302, 63, false));
  });

  it("puts an older value (a snapshot again after a reconnect) in place and redraws the whole series", () => {
    const { feed, topics, events, flush } = harness();
    feed.set("BTCUSD", "1", [rsi]);
    [1, 2, 4].forEach((m) => topics[0]!.push(at(m, m)));
    flush();
    events.length = 0;
    topics[0]!.push(at(3, 3));
    topics[0]!.push(at(2, 20));
    flush();
    expect(events).toEqual([
      {
        kind: "reset",
        id: "s1",
        points: [at(1, 1), at(2, 20), at(3, 3), at(4, 4)],
      },
    ]);
  });

  it("subscribes again only the studies whose symbol, resolution or parameters changed", () => {
    const { feed, topics } = harness();
    feed.set("BTCUSD", "5", [rsi, sma]);
    expect(topics.map((t) => t.study.id)).toEqual(["s1", "s2"]);
    feed.set("BTCUSD", "5", [rsi, { ...sma, params: { period: 50 } }]);
    expect(topics.map((t) => [t.study.id, t.stopped])).toEqual([
      ["s1", false],
      ["s2", true],
      ["s2", false],
    ]);
    feed.set("ETHUSD", "5", [rsi]);
    expect(
      topics.filter((t) => !t.stopped).map((t) => [t.symbol, t.study.id]),
    ).toEqual([["ETHUSD", "s1"]]);
    feed.stop();
    expect(topics.every((t) => t.stopped)).toBe(true);
  });

  it("announces the studies in order, so the chart can lay out its panes", () => {
    const { feed, events } = harness();
    feed.set("BTCUSD", "5", [sma, rsi]);
    expect(events[0]).toEqual({ kind: "studies", studies: [sma, rsi] });
    expect(feed.studies).toEqual([sma, rsi]);
  });

  it("keeps a refusal for the legend, and forgets values of a removed study", () => {
    const { feed, topics, events, flush } = harness();
    feed.set("BTCUSD", "5", [rsi]);
    topics[0]!.fail({ code: "TOPIC_UNAVAILABLE", message: "no indicators" });
    expect(feed.error("s1")).toBe("TOPIC_UNAVAILABLE: no indicators");
    expect(events.at(-1)).toEqual({
      kind: "error",
      id: "s1",
      message: "TOPIC_UNAVAILABLE: no indicators",
    });
    topics[0]!.push(at(1, 1));
    flush();
    feed.set("BTCUSD", "5", []);
    expect(feed.points("s1")).toEqual([]);
    // A late value of the stopped topic is not announced.
    const before = events.length;
    topics[0]!.push(at(2, 2));
    flush();
    expect(events).toHaveLength(before);
  });
});
