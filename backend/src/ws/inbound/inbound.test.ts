import { describe, expect, it } from "vitest";
import { frameText, parseInbound } from "./inbound";

describe("parseInbound", () => {
  it("classifies a route's subscribe with its id and payload", () => {
    expect(
      parseInbound(
        '{"type":"quotes.subscribe","id":"q1","payload":{"symbols":["AAPL"]}}',
      ),
    ).toEqual({
      kind: "route",
      route: "quotes",
      action: "subscribe",
      id: "q1",
      payload: { symbols: ["AAPL"] },
    });
  });

  it("classifies a ping", () => {
    expect(parseInbound('{"type":"ping","id":4,"payload":{"t":12}}')).toEqual({
      kind: "ping",
      id: 4,
      payload: { t: 12 },
    });
  });

  const malformed: [string, string, string, object][] = [
    ["not JSON", '{"type":', "INVALID_JSON", {}],
    ["an array", "[1,2]", "INVALID_MESSAGE", {}],
    ["a string", '"ping"', "INVALID_MESSAGE", {}],
    ["null", "null", "INVALID_MESSAGE", {}],
    [
      "a type that is not a string",
      '{"type":3,"payload":{}}',
      "INVALID_MESSAGE",
      {},
    ],
    [
      "an id too long",
      `{"type":"ping","id":"${"x".repeat(65)}","payload":{}}`,
      "INVALID_MESSAGE",
      { type: "ping" },
    ],
    [
      "a fractional id",
      '{"type":"ping","id":1.5,"payload":{}}',
      "INVALID_MESSAGE",
      { type: "ping" },
    ],
    [
      "an extra envelope field",
      '{"type":"ping","id":1,"payload":{},"x":1}',
      "INVALID_MESSAGE",
      { type: "ping", id: 1 },
    ],
    [
      "a payload that is not an object",
      '{"type":"quotes.subscribe","id":2,"payload":[]}',
      "INVALID_MESSAGE",
      { type: "quotes.subscribe", id: 2 },
    ],
    [
      "a missing payload",
      '{"type":"quotes.subscribe"}',
      "INVALID_MESSAGE",
      { type: "quotes.subscribe" },
    ],
    [
      "an unknown type",
      '{"type":"quotes.publish.now","payload":{}}',
      "UNKNOWN_TYPE",
      { type: "quotes.publish.now" },
    ],
    [
      "an upper-case route",
      '{"type":"Quotes.subscribe","payload":{}}',
      "UNKNOWN_TYPE",
      { type: "Quotes.subscribe" },
    ],
  ];
  for (const [name, text, code, echoed] of malformed) {
    it(`refuses ${name} with ${code}, echoing what it could read`, () => {
      const frame = parseInbound(text);
      expect(frame).toMatchObject({ kind: "invalid", code, ...echoed });
      if (frame.kind !== "invalid") return;
      expect(frame.message.length).toBeGreaterThan(0);
      if (!("type" in echoed)) expect(frame.type).toBeUndefined();
    });
  }
});

describe("frameText", () => {
  it("reads a frame whole from one buffer, fragments or an ArrayBuffer", () => {
    const text = '{"type":"ping","payload":{"t":1}}';
    const bytes = Buffer.from(text);
    expect(frameText(bytes)).toBe(text);
    expect(frameText([bytes.subarray(0, 5), bytes.subarray(5)])).toBe(text);
    expect(frameText(new Uint8Array(bytes).buffer)).toBe(text);
  });
});
