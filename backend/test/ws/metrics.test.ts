import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkServerFrame, takeViolations } from "../support/conformance";
import { specFetch } from "../support/openapi-conformance";
import { bar, metric, startTestApp, type TestApp } from "../support/test-app";
import { TestSocket } from "../support/test-socket";

describe("/metrics", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("counts sockets, topics, subscriptions, messages in and out per channel, errors and fan-out time", async () => {
    const [a, b] = [
      await TestSocket.open(t.wsUrl),
      await TestSocket.open(t.wsUrl),
    ];
    await a.subscribe("bars", { symbol: "IBM", resolution: "1" });
    await b.subscribe("bars", { symbol: "IBM", resolution: "1" });
    await b.subscribe("quotes", { symbols: ["IBM"] });
    a.sendRaw("{oops");
    await a.nextOfType("error");
    t.services.bars.publish(
      'bars:{"resolution":"1","symbol":"IBM"}',
      bar(1_700_000_000_000, 140),
    );
    await a.nextOfType("bars.update");
    await b.nextOfType("bars.update");

    expect(await metric(t, "tradewire_ws_sockets")).toBe(2);
    expect(await metric(t, "tradewire_ws_topics")).toBe(2);
    expect(await metric(t, "tradewire_ws_subscriptions")).toBe(3);
    expect(
      await metric(t, "tradewire_ws_messages_in_total", '{channel="bars"}'),
    ).toBe(2);
    expect(
      await metric(t, "tradewire_ws_messages_in_total", '{channel="quotes"}'),
    ).toBe(1);
    expect(
      await metric(t, "tradewire_ws_messages_in_total", '{channel="invalid"}'),
    ).toBe(1);
    expect(
      await metric(t, "tradewire_ws_messages_out_total", '{channel="bars"}'),
    ).toBe(2);
    expect(
      await metric(t, "tradewire_ws_errors_total", '{code="INVALID_JSON"}'),
    ).toBe(1);
    expect(
      await metric(t, "tradewire_ws_fanout_seconds_count", '{channel="bars"}'),
    ).toBe(1);
    const { text } = await specFetch(`${t.httpUrl}/metrics`);
    expect(text).toContain("# TYPE tradewire_ws_fanout_seconds histogram");
    expect(text).toContain("tradewire_process_resident_memory_bytes");
    a.close();
    b.close();
    expect(takeViolations()).toEqual([]);
  });
});

describe("the outbound conformance check", () => {
  it("flags a frame that does not match its AsyncAPI message schema", () => {
    expect(
      checkServerFrame(
        '{"type":"bars.update","payload":{"topic":"bars:{}","seq":1,"payload":{"time":1}}}',
      ),
    ).toMatch(/must have required property 'open'/);
    expect(
      checkServerFrame(
        '{"type":"bars.subscribe.response","payload":{"status":"maybe","topic":""}}',
      ),
    ).toMatch(/must be equal to one of the allowed values/);
    expect(checkServerFrame('{"type":"surprise","payload":{}}')).toMatch(
      /unknown message type/,
    );
    expect(takeViolations()).toHaveLength(3);
  });

  it("passes a frame that matches", () => {
    expect(
      checkServerFrame(
        '{"type":"pong","id":3,"payload":{"t":1,"serverTime":2}}',
      ),
    ).toBeNull();
    expect(takeViolations()).toEqual([]);
  });
});
