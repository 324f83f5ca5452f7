import type { WebSocket } from "@playwright/test";
import { login } from "../support/terminal";
import { expect, test } from "../support/fixtures";

test("the terminal speaks MessagePack over its socket: binary frames decoded in the browser move the watchlist", async ({
  page,
}) => {
  const frames = { binary: 0, text: 0 };
  const sockets: WebSocket[] = [];
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/api/v1/ws")) return;
    sockets.push(ws);
    ws.on("framereceived", ({ payload }) => {
      if (typeof payload === "string") frames.text += 1;
      else frames.binary += 1;
    });
  });
  await login(page, "alice");
  const eth = page.getByTestId("watchlist-last-ETHUSD");
  await expect(eth).toHaveText(/\d/);
  const before = (await eth.textContent()) ?? "";
  await expect(eth).not.toHaveText(before, { timeout: 20_000 });
  expect(sockets.length).toBeGreaterThan(0);
  expect(frames.binary).toBeGreaterThan(10);
  expect(frames.text).toBe(0);
  const protocol = await page.evaluate(
    () =>
      // The accepted subprotocol, read from the server the page talks to.
      new Promise<string>((resolve) => {
        const ws = new WebSocket(
          `${location.origin.replace(/^http/, "ws")}/api/v1/ws`,
          ["tradewire.v1.msgpack", "tradewire.v1.json"],
        );
        ws.onopen = () => {
          resolve(ws.protocol);
          ws.close();
        };
        ws.onerror = () => resolve("error");
      }),
  );
  expect(protocol).toBe("tradewire.v1.msgpack");
});
