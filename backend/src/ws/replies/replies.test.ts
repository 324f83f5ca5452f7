import { SchemaValidators } from "@tradewire/client/validators";
import { describe, expect, it } from "vitest";
import { Replier } from "./replier";
import {
  errorReply,
  pongReply,
  replyFrame,
  subscriptionReply,
} from "./replies";

const validators = new SchemaValidators();

/** The frame parsed, after checking it against the AsyncAPI schema of its type. */
function conforming(text: string): unknown {
  const frame: unknown = JSON.parse(text);
  const checked = validators.validateMessage(frame);
  expect(checked.ok ? null : checked.message).toBeNull();
  return frame;
}

describe("reply envelopes", () => {
  it("echoes the request id, and leaves it out when the request had none", () => {
    expect(replyFrame("pong", 7, { t: 1 })).toBe(
      '{"type":"pong","id":7,"payload":{"t":1}}',
    );
    expect(replyFrame("pong", undefined, { t: 1 })).toBe(
      '{"type":"pong","payload":{"t":1}}',
    );
  });

  it("answers a subscribe ok with its topic, as the spec describes it", () => {
    const topic = 'quotes:{"symbols":["AAPL"]}';
    expect(
      conforming(subscriptionReply("quotes.subscribe.response", "a1", topic)),
    ).toEqual({
      type: "quotes.subscribe.response",
      id: "a1",
      payload: { status: "ok", topic },
    });
  });

  it("refuses an unsubscribe with the code and message", () => {
    const text = subscriptionReply(
      "quotes.unsubscribe.response",
      3,
      'quotes:{"symbols":["MSFT"]}',
      "NOT_SUBSCRIBED",
      'not subscribed to quotes:{"symbols":["MSFT"]}',
    );
    expect(conforming(text)).toEqual({
      type: "quotes.unsubscribe.response",
      id: 3,
      payload: {
        status: "error",
        topic: 'quotes:{"symbols":["MSFT"]}',
        code: "NOT_SUBSCRIBED",
        message: 'not subscribed to quotes:{"symbols":["MSFT"]}',
      },
    });
  });

  it("names the request an error answers only when there was one", () => {
    expect(
      conforming(errorReply("INVALID_JSON", "the frame is not valid JSON")),
    ).toEqual({
      type: "error",
      payload: { code: "INVALID_JSON", message: "the frame is not valid JSON" },
    });
    expect(
      conforming(errorReply("RATE_LIMITED", "too fast", "ping", "p9")),
    ).toEqual({
      type: "error",
      id: "p9",
      payload: {
        code: "RATE_LIMITED",
        message: "too fast",
        requestType: "ping",
      },
    });
  });

  it("returns the client's t with the server time in a pong", () => {
    expect(conforming(pongReply(1700, 1800, 4))).toEqual({
      type: "pong",
      id: 4,
      payload: { t: 1700, serverTime: 1800 },
    });
  });

  it("names the instance that answered in a pong when it is known", () => {
    expect(conforming(pongReply(1700, 1800, 4, "tw-b"))).toEqual({
      type: "pong",
      id: 4,
      payload: { t: 1700, serverTime: 1800, instance: "tw-b" },
    });
  });
});

describe("Replier", () => {
  const setup = () => {
    const sent: string[] = [];
    const counted: string[] = [];
    const replier = new Replier({ inc: ({ code }) => counted.push(code) });
    return {
      replier,
      sent,
      counted,
      to: { send: (t: string) => sent.push(t) },
    };
  };

  it("counts every error it sends by its code, and nothing for answers that are ok", () => {
    const { replier, sent, counted, to } = setup();
    replier.subscription(to, "orders.subscribe.response", 1, "orders:{}");
    replier.subscription(
      to,
      "orders.subscribe.response",
      2,
      "",
      "UNAUTHORIZED",
      "orders belongs to an account: connect with a token",
    );
    replier.error(to, "UNKNOWN_TYPE", 'unknown message type "x"', "x", 3);
    replier.pong(to, 5, 6);
    expect(counted).toEqual(["UNAUTHORIZED", "UNKNOWN_TYPE"]);
    expect(sent.map((t) => (JSON.parse(t) as { type: string }).type)).toEqual([
      "orders.subscribe.response",
      "orders.subscribe.response",
      "error",
      "pong",
    ]);
  });
});
