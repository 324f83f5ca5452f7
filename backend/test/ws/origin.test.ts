import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { takeViolations } from "../support/conformance";
import { ManualClock, WEDNESDAY_10AM_NY } from "../support/datafeed-app";
import { TestSocket } from "../support/test-socket";
import { startTradingApp, type TradingApp } from "../support/trading-app";

interface Refusal {
  status: number;
  body: unknown;
  opened: boolean;
  messages: number;
}

/** Attempt an upgrade as a browser page would, with alice's cookie; report what came back. */
function attempt(
  url: string,
  headers: Record<string, string>,
  origin?: string,
): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers,
      ...(origin === undefined ? {} : { origin }),
    });
    let opened = false;
    let messages = 0;
    ws.on("open", () => {
      opened = true;
      ws.close();
    });
    ws.on("message", () => (messages += 1));
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(text) as unknown,
          opened,
          messages,
        }),
      );
    });
    ws.on("close", () =>
      resolve({ status: 101, body: null, opened, messages }),
    );
    ws.on("error", (err) => {
      if (!String(err.message).includes("Unexpected server response"))
        reject(err);
    });
  });
}

describe("the WebSocket upgrade checks Origin", () => {
  const clock = new ManualClock(WEDNESDAY_10AM_NY);
  let t: TradingApp;
  let cookie: string;
  let port: number;
  beforeAll(async () => {
    t = await startTradingApp({
      clock,
      env: { ALLOWED_ORIGINS: "https://terminal.partner.example" },
    });
    cookie = `tw_token=${await t.login("alice")}`;
    port = Number(new URL(t.httpUrl).port);
  });
  afterEach(() => expect(takeViolations()).toEqual([]));
  afterAll(() => t.close());

  const refused = {
    status: 403,
    body: {
      code: "FORBIDDEN",
      message:
        "this origin may not open the socket: it is neither the page's own nor in ALLOWED_ORIGINS",
      requestId: expect.any(String) as string,
    },
    opened: false,
    messages: 0,
  };

  it("refuses with 403, before any data, a page on another port of the same host carrying alice's cookie", async () => {
    expect(
      await attempt(t.wsUrl, { cookie }, `http://127.0.0.1:${port + 1}`),
    ).toEqual(refused);
  });

  it("refuses a page on a sibling subdomain, and one of the same host over another scheme", async () => {
    const host = `app.tradewire.test:${port}`;
    const url = `ws://127.0.0.1:${port}/api/v1/ws`;
    expect(
      await attempt(
        url,
        { cookie, host },
        `http://evil.tradewire.test:${port}`,
      ),
    ).toEqual(refused);
    expect(
      await attempt(
        url,
        { cookie, host },
        `https://app.tradewire.test:${port}`,
      ),
    ).toEqual(refused);
    // Sandboxed frames and file pages send `Origin: null`.
    expect(await attempt(url, { cookie, host }, "null")).toEqual(refused);
  });

  it("lets the page's own origin, an ALLOWED_ORIGINS one and a program without Origin read alice's account", async () => {
    const host = `app.tradewire.test:${port}`;
    const upgrades: Record<string, string>[] = [
      { origin: `http://app.tradewire.test:${port}`, cookie, host },
      { origin: "https://terminal.partner.example", cookie },
      { cookie },
    ];
    for (const headers of upgrades) {
      const s = await TestSocket.open(t.wsUrl, { headers });
      expect((await s.subscribe("orders", {})).payload).toEqual({
        status: "ok",
        topic: 'orders:{"accountId":"acc-alice-main"}',
      });
      s.close();
    }
  });
});
